import { ConsoleShell } from '../console';

/** Customer service console (WhatsApp inbox, orders for customers). */
export default function CsConsole() {
  return <ConsoleShell title="cs.title" roles={['cs_agent']} />;
}
