import { useEffect } from 'react';

/** The built scripts and styles this page loaded: the lazy courier chunk is not named in index.html. */
const loadedAssets = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith('/assets/'));

/**
 * The courier app installs on the home screen and opens without signal (web/public/sw.js).
 * Only here, not for buyers: the manifest opens /kurir, and the shell is the courier's.
 */
export function useInstallableApp() {
  useEffect(() => {
    const manifest = Object.assign(document.createElement('link'), { rel: 'manifest', href: '/manifest.webmanifest' });
    document.head.append(manifest);
    if (import.meta.env.PROD && 'serviceWorker' in navigator) {
      navigator.serviceWorker
        .register('/sw.js', { scope: '/kurir' })
        .then(() => navigator.serviceWorker.ready)
        .then((registration) => registration.active?.postMessage({ type: 'cache-assets', urls: loadedAssets() }))
        // Without a service worker the app still works, just not offline.
        .catch(() => undefined);
    }
    return () => manifest.remove();
  }, []);
}
