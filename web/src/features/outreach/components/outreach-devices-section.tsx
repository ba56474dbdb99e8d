import { useState } from 'react';
import type { OutreachDevice } from '@candor/shared';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table';
import { createTranslations } from '../../../lib/i18n/i18n';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffSession } from '../../../lib/staff/staff-session';
import { useResource } from '../../../lib/staff/use-resource';
import { outreachApi } from '../api/outreach-api';

const en = {
  title: 'Outreach devices (offline collection)',
  intro:
    'Collect answers on a tablet or phone without a signal: open the device page on that device, prepare it, and sync when you are back online. Answers are locked with the server’s key on the device; an admin can revoke a lost device.',
  open: 'Open the device page on this device',
  none: 'No device is prepared for this survey.',
  label: 'Device',
  prepared: 'Prepared',
  expires: 'Sends until',
  state: 'State',
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
  revoke: 'Revoke',
  revokeConfirm: 'Revoke “{label}”? Its answers not yet sent will be refused.',
} as const;
const es: Record<keyof typeof en, string> = {
  title: 'Dispositivos de alcance (recogida sin conexión)',
  intro:
    'Recoge respuestas en una tableta o teléfono sin señal: abre la página del dispositivo en ese aparato, prepáralo y sincroniza cuando vuelvas a tener conexión. Las respuestas se cierran con la clave del servidor en el dispositivo; una persona administradora puede revocar un dispositivo perdido.',
  open: 'Abrir la página del dispositivo en este aparato',
  none: 'No hay ningún dispositivo preparado para esta encuesta.',
  label: 'Dispositivo',
  prepared: 'Preparado',
  expires: 'Envía hasta',
  state: 'Estado',
  active: 'Activo',
  expired: 'Caducado',
  revoked: 'Revocado',
  revoke: 'Revocar',
  revokeConfirm: '¿Revocar «{label}»? Se rechazarán sus respuestas aún no enviadas.',
};
const strings = createTranslations<keyof typeof en>({ en, es });

/** On the survey's outreach page: the device page link, the prepared devices, and (admins) revoking one. */
export function OutreachDevicesSection({ surveyId }: { readonly surveyId: string }) {
  const { t } = strings.useTranslations();
  const { user } = useStaffSession();
  const devices = useResource(() => outreachApi.devices(surveyId), [surveyId]);
  const [error, setError] = useState<unknown>(null);

  const revoke = async (device: OutreachDevice) => {
    if (!window.confirm(t('revokeConfirm', { label: device.label }))) return;
    setError(null);
    try {
      await outreachApi.revokeDevice(surveyId, device.id);
      await devices.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section aria-labelledby="outreach-devices-title" className="no-print">
      <h2 id="outreach-devices-title">{t('title')}</h2>
      <p>{t('intro')}</p>
      <p>
        <a href={`/staff/outreach/${encodeURIComponent(surveyId)}`}>{t('open')}</a>
      </p>
      <ErrorNotice error={error ?? devices.error} />
      <DataTable
        columns={deviceColumns(t, user?.role === 'admin' ? revoke : null)}
        rows={devices.data ?? undefined}
        rowKey={(device) => device.id}
        empty={t('none')}
      />
    </section>
  );
}

type Translate = ReturnType<typeof strings.useTranslations>['t'];

/** The device columns; the revoke column only for admins (`revoke` null otherwise). */
function deviceColumns(t: Translate, revoke: ((device: OutreachDevice) => Promise<void>) | null): DataTableColumn<OutreachDevice>[] {
  const columns: DataTableColumn<OutreachDevice>[] = [
    { key: 'label', header: t('label'), cell: (device) => device.label },
    { key: 'prepared', header: t('prepared'), cell: (device) => new Date(device.createdAt).toLocaleDateString() },
    { key: 'expires', header: t('expires'), cell: (device) => new Date(device.expiresAt).toLocaleDateString() },
    { key: 'state', header: t('state'), cell: (device) => deviceState(device, t) },
  ];
  if (!revoke) return columns;
  const revokeColumn: DataTableColumn<OutreachDevice> = {
    key: 'revoke',
    header: t('revoke'),
    cell: (device) =>
      !device.revoked && (
        <button type="button" className="button--secondary" onClick={() => void revoke(device)}>
          {t('revoke')} <span className="visually-hidden">{device.label}</span>
        </button>
      ),
  };
  return [...columns, revokeColumn];
}

function deviceState(device: OutreachDevice, t: Translate): string {
  if (device.revoked) return t('revoked');
  return Date.parse(device.expiresAt) <= Date.now() ? t('expired') : t('active');
}
