import { Route, Routes } from 'react-router';
import { RequireSignIn } from '../seller/RequireSignIn';
import { NotFound } from '../ui';
import { JobsPage } from './JobsPage';
import { useInstallableApp } from './pwa';
import { QueueBanner, useQueueRunner } from './QueueBanner';
import './courier.css';

/** Sends the steps queued on this phone, as the signed-in courier. */
function QueueRunner() {
  useQueueRunner();
  return null;
}

/** Courier app (ojek drivers on a phone): duty, job offers, the jobs themselves and the cash carried. */
export default function CourierConsole() {
  useInstallableApp();
  return (
    <div className="page narrow">
      {/* Outside the sign-in check: opened without signal, the app still says what is not sent. */}
      <QueueBanner />
      <RequireSignIn roles={['courier']}>
        <QueueRunner />
        <Routes>
          <Route index element={<JobsPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </RequireSignIn>
    </div>
  );
}
