import { useLang, useT } from '../../i18n';
import { useTenant } from '../../session';
import { type ChatMessage, type MessageStatus, messageStatuses } from './api';

// Small pieces of the chat desk (and the demo WhatsApp simulator).

/** "14.05" for today, else "22 Nov": chat lists show when, briefly, on the regency's clock. */
export function useShortTime(): (iso: string) => string {
  const { lang } = useLang();
  const timeZone = useTenant().data?.tenant.timeZone;
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  return (iso) => {
    const date = new Date(iso);
    const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(d);
    const today = day(date) === day(new Date());
    return new Intl.DateTimeFormat(locale, today ? { timeStyle: 'short', timeZone } : { day: 'numeric', month: 'short', timeZone }).format(
      date,
    );
  };
}

/** A message in one line of a list: its text, or what it is when it has none (a photo, a location). */
export function MessagePreview({ message }: { message: Pick<ChatMessage, 'body' | 'direction' | 'kind'> }) {
  const t = useT();
  const what = message.kind === 'image' || message.kind === 'location' ? t(`chat.kind.${message.kind}`) : '';
  const text = [what, message.body].filter(Boolean).join(' ');
  return (
    <span className="chat-preview">
      {message.kind === 'note' ? `${t('chat.notePrefix')} ` : message.direction === 'out' ? `${t('chat.youPrefix')} ` : ''}
      {text}
    </span>
  );
}

const TICKS: Record<MessageStatus, string> = { queued: '○', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!' };

/** WhatsApp's ticks for a message sent: waiting, sent, delivered, read (blue), or failed with why. */
export function StatusTicks({ message }: { message: Pick<ChatMessage, 'status' | 'error'> }) {
  const t = useT();
  const status = messageStatuses.find((known) => known === message.status);
  if (!status) return null;
  const label = t(`chat.status.${status}`);
  return (
    <span className={`ticks ticks-${status}`} title={label}>
      <span aria-hidden="true">{TICKS[status]}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** The buttons a message offers (`data.buttons`), when it has any. */
export function buttonsOf(message: Pick<ChatMessage, 'data'>): { id: string; title: string }[] {
  const buttons = message.data?.buttons;
  return Array.isArray(buttons) ? (buttons as { id: string; title: string }[]) : [];
}

/**
 * The picture of an image message. Links are absolute, for WhatsApp to fetch; our own files are
 * shown from this page's origin, since the page may be open at another of the regency's
 * addresses and its CSP takes images from 'self' only.
 */
export function imageOf(message: Pick<ChatMessage, 'data'>): string | null {
  const link = message.data?.link;
  if (typeof link !== 'string') return null;
  const url = new URL(link, window.location.origin);
  return url.pathname.startsWith('/api/') ? `${url.pathname}${url.search}` : link;
}

/** Where a location message points. */
export function locationOf(message: Pick<ChatMessage, 'data'>): { lat: number; lng: number } | null {
  const location = message.data?.location as { lat?: unknown; lng?: unknown } | null | undefined;
  return typeof location?.lat === 'number' && typeof location.lng === 'number' ? { lat: location.lat, lng: location.lng } : null;
}
