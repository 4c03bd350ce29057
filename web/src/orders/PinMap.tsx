import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useEffectEvent, useRef } from 'react';

// Leaflet lives in this chunk alone, loaded by the checkout page only.

export type LatLng = { lat: number; lng: number };

/** The database keeps 6 decimals (about 10 cm). */
const round = (value: number) => Math.round(value * 1e6) / 1e6;

// A CSS pin: no marker images to fetch, and nothing to break when tiles cannot load.
const pinIcon = L.divIcon({ className: 'map-pin', html: '<span></span>', iconSize: [28, 34], iconAnchor: [14, 34] });

/**
 * A map to drop a pin on: tap the map or drag the pin. OpenStreetMap tiles when online; without
 * them (offline, blocked) the grey map still takes the pin.
 */
export default function PinMap(props: {
  pin: LatLng | null;
  onPin: (pin: LatLng) => void;
  startLat: number;
  startLng: number;
  startZoom: number;
  label: string;
}) {
  const { pin, onPin, startLat, startLng, startZoom, label } = props;
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const markerRef = useRef<L.Marker | null>(null);
  const place = useEffectEvent((at: L.LatLng) => onPin({ lat: round(at.lat), lng: round(at.lng) }));

  useEffect(() => {
    if (!box.current) return;
    const map = L.map(box.current, { center: [startLat, startLng], zoom: startZoom });
    L.tileLayer('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', {
      maxZoom: 19,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
    }).addTo(map);
    map.on('click', (event) => place(event.latlng));
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
      markerRef.current = null;
    };
  }, [startLat, startLng, startZoom]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (!pin) {
      markerRef.current?.remove();
      markerRef.current = null;
      return;
    }
    if (markerRef.current) markerRef.current.setLatLng(pin);
    else {
      const marker = L.marker(pin, { icon: pinIcon, draggable: true, title: label }).addTo(map);
      marker.on('dragend', () => place(marker.getLatLng()));
      markerRef.current = marker;
    }
    // A pin set from "use my location" may be far from where the map looks.
    if (!map.getBounds().contains(pin)) map.setView(pin, Math.max(map.getZoom(), 16));
  }, [pin, label]);

  return <div ref={box} className="pin-map" />;
}
