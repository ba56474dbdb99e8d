import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { dashboardsApi } from '../api/dashboards-api';
import DashboardPage from './dashboard-page';

function renderPage() {
  return render(
    <MemoryRouter initialEntries={['/d/impact']}>
      <Routes>
        <Route path="/d/:slug" element={<DashboardPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('the public dashboard page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says the findings were withdrawn when the server says so', async () => {
    vi.spyOn(dashboardsApi, 'snapshot').mockRejectedValue(
      new ApiError('RELEASE_WITHDRAWN', 'These findings were withdrawn on 2026-12-01.', 410, {
        code: 'RELEASE_WITHDRAWN',
        message: 'These findings were withdrawn on 2026-12-01.',
        details: [{ path: 'withdrawnOn', code: 'WITHDRAWN', message: '2026-12-01' }],
      }),
    );
    renderPage();
    expect(await screen.findByRole('heading', { name: 'These findings were withdrawn' })).toBeTruthy();
    expect(await screen.findByText(/withdrew the findings published here on 2026-12-01/)).toBeTruthy();
  });

  it('reads a plain "not found" as nothing published (servers that do not say why)', async () => {
    vi.spyOn(dashboardsApi, 'snapshot').mockRejectedValue(
      new ApiError('NOT_FOUND', 'not found', 404, { code: 'NOT_FOUND', message: 'not found', details: [] }),
    );
    renderPage();
    expect(await screen.findByRole('heading', { name: 'Nothing published yet' })).toBeTruthy();
  });
});
