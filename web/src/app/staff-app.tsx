import { Route, Routes } from 'react-router';
import { AuditPage } from '../features/staff/components/audit-page';
import { StaffLayout } from '../features/staff/components/staff-layout';
import { UsersPage } from '../features/staff/components/users-page';
import { FreeTextReaderPage } from '../features/free-text/components/free-text-reader-page';
import { OutreachPage } from '../features/outreach/components/outreach-page';
import { PublishingPage } from '../features/publishing/components/publishing-page';
import { TableBuilderPage } from '../features/tables/components/table-builder-page';
import { NewSurveyPage } from '../features/survey-design/components/new-survey-page';
import { SurveyEditorPage } from '../features/survey-design/components/survey-editor-page';
import { SurveyListPage } from '../features/survey-design/components/survey-list-page';
import { StaffSessionProvider } from '../lib/staff/staff-session';
import '../styles/staff.css';

/** The staff app (`/staff/*`), loaded as its own chunk: respondents never download it. */
export default function StaffApp() {
  return (
    <StaffSessionProvider>
      <Routes>
        <Route element={<StaffLayout />}>
          <Route index element={<SurveyListPage />} />
          <Route path="surveys/new" element={<NewSurveyPage />} />
          <Route path="surveys/:id" element={<SurveyEditorPage />} />
          <Route path="surveys/:id/publish" element={<PublishingPage />} />
          <Route path="surveys/:id/tables" element={<TableBuilderPage />} />
          <Route path="surveys/:id/outreach" element={<OutreachPage />} />
          <Route path="surveys/:id/free-text" element={<FreeTextReaderPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="audit" element={<AuditPage />} />
        </Route>
      </Routes>
    </StaffSessionProvider>
  );
}
