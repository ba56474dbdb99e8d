import { useTranslation } from '../../../lib/i18n/i18n';
import { OutreachCodeField } from './outreach-code-field';

interface OutreachCodeFormProps {
  readonly code: string;
  readonly onChange: (code: string) => void;
  /** The server's refusal of the code, if it refused one. */
  readonly error: string | undefined;
  readonly onSend: () => void;
}

/** Asked before sending when the survey needs a card's code and none (or a refused one) was given. */
export function OutreachCodeForm({ code, onChange, error, onSend }: OutreachCodeFormProps) {
  const { t } = useTranslation();
  return (
    <main className="status-page">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSend();
        }}
      >
        <OutreachCodeField value={code} onChange={onChange} error={error ?? (code.trim() === '' ? t('outreach.required') : undefined)} />
        <button type="submit">{t('outreach.send')}</button>
      </form>
    </main>
  );
}
