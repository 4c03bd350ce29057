import { ConsoleShell } from '../console';

/** Government e-purchasing: procurement officer, PPK and treasurer. */
export default function ProcurementConsole() {
  return <ConsoleShell title="procurement.title" roles={['procurement_officer', 'commitment_officer', 'treasurer']} />;
}
