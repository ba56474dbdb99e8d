import type { CreatedOutreachBatch } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';

/** The two languages every card carries, whatever the staff member reads. */
const CARD_TEXT = {
  en: 'Type this code when you send your answers. It is only marked as used — never joined to your answers.',
  es: 'Escribe este código al enviar tus respuestas. Solo se marca como usado; nunca se une a tus respuestas.',
};

/** The new batch's codes as printable cards, each with the survey's link; shown this once. */
export function OutreachCards({ created, link }: { readonly created: CreatedOutreachBatch; readonly link: string }) {
  const { t } = useStaffTranslation();
  return (
    <>
      <div className="no-print notice" role="status">
        <p>{t('outreach.createdNote', { count: created.codes.length })}</p>
        <button type="button" onClick={() => window.print()}>
          {t('outreach.print')}
        </button>
      </div>
      <ul className="cards" aria-label={created.batch.label}>
        {created.codes.map((code) => (
          <li key={code} className="card">
            <p className="card-link">{link}</p>
            <p className="card-code">{code}</p>
            <p lang="en">{CARD_TEXT.en}</p>
            <p lang="es">{CARD_TEXT.es}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
