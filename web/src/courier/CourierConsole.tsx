import { Route, Routes } from 'react-router';
import { RequireSignIn } from '../seller/RequireSignIn';
import { NotFound } from '../ui';
import { DeliveriesPage } from './DeliveriesPage';

/** Courier console (ojek drivers on a phone): orders to deliver and the cash carried. Jobs and dispatch follow. */
export default function CourierConsole() {
  return (
    <RequireSignIn roles={['courier']}>
      <div className="page">
        <Routes>
          <Route index element={<DeliveriesPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </div>
    </RequireSignIn>
  );
}
