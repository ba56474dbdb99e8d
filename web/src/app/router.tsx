import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { StatusPage } from '../components/ui/status-page';
import { HomePage, NotFoundPage } from './home-page';

// Route modules are split so respondents download only what the survey page needs.
const SurveyPage = lazy(() => import('../features/survey-taking/components/survey-page'));
const StaffApp = lazy(() => import('./staff-app'));
const DashboardPage = lazy(() => import('../features/dashboards/components/dashboard-page'));
const SafetyPage = lazy(() => import('../features/safety/components/safety-page'));
// Outside the staff app: it must open offline, without a staff session (issue 18).
const OutreachDevicePage = lazy(() => import('../features/outreach-device/components/outreach-device-page'));

const page = (element: ReactNode) => <Suspense fallback={<StatusPage title="…" />}>{element}</Suspense>;

export const router = createBrowserRouter([
  { path: '/', element: <HomePage /> },
  { path: '/s/:slug', element: page(<SurveyPage />) },
  { path: '/safety', element: page(<SafetyPage />) },
  { path: '/staff/outreach/:surveyId', element: page(<OutreachDevicePage />) },
  { path: '/staff/*', element: page(<StaffApp />) },
  { path: '/d/:slug', element: page(<DashboardPage />) },
  { path: '*', element: <NotFoundPage /> },
]);
