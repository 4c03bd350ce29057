import { Route, Routes } from 'react-router';
import { RequireSignIn } from '../seller/RequireSignIn';
import { NotFound } from '../ui';
import { JobsPage } from './JobsPage';

/** Courier app (ojek drivers on a phone): duty, job offers, the jobs themselves and the cash carried. */
export default function CourierConsole() {
  return (
    <RequireSignIn roles={['courier']}>
      <div className="page narrow">
        <Routes>
          <Route index element={<JobsPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </div>
    </RequireSignIn>
  );
}
