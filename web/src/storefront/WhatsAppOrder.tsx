import type { Program } from '../api';
import { useT, whatsappLink } from '../i18n';

/**
 * Opens WhatsApp with the program's customer service, the order already typed ("Halo
 * Jujag-Jujug, saya mau pesan:" and a list): buyers who prefer to chat order there, and CS
 * turns the chat into an order.
 */
export function WhatsAppOrder({
  program,
  greeting,
  items = [''],
  label,
}: {
  program: Pick<Program, 'name' | 'whatsappPhone'>;
  /** The first line of the message; default "Halo <program>, saya mau pesan:". */
  greeting?: string;
  /** What the buyer wants, one list line each; by default an empty line to fill in. */
  items?: string[];
  label?: string;
}) {
  const t = useT();
  if (!program.whatsappPhone) return null;
  const text = [greeting ?? t('shop.chatOrder', { program: program.name }), ...items.map((item) => `- ${item}`)].join('\n');
  return (
    <a
      className="button button-secondary"
      href={`${whatsappLink(program.whatsappPhone)}?text=${encodeURIComponent(text)}`}
      target="_blank"
      rel="noopener noreferrer"
    >
      {label ?? t('shop.orderWhatsapp')}
    </a>
  );
}
