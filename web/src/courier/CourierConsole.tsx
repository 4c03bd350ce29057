import { ConsoleShell } from '../console';

/** Courier / shopper console (ojek drivers on a phone). */
export default function CourierConsole() {
  return <ConsoleShell title="courier.title" roles={['courier']} />;
}
