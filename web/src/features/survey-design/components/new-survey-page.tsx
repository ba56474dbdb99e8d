import { useState } from 'react';
import type { SurveyDefinition, SurveySource } from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useCreateSurvey } from '../hooks/use-create-survey';
import { useTitleSlug } from '../hooks/use-title-slug';
import { INITIAL_TEMPLATE_FORM, templateDefinition, type TemplateForm } from '../model/template-form';
import { TemplateFieldset } from './template-fieldset';

/** Creates a survey from the policy-impact template, imported SurveyJS JSON, or blank. */
export function NewSurveyPage() {
  const { t } = useStaffTranslation();
  const [source, setSource] = useState<SurveySource>('template');
  const { title, slug, changeTitle, changeSlug } = useTitleSlug();
  const [json, setJson] = useState('');
  const [form, setForm] = useState<TemplateForm>(INITIAL_TEMPLATE_FORM);

  const definition = (): SurveyDefinition | undefined => {
    if (source === 'blank') return undefined;
    if (source === 'json') {
      try {
        return JSON.parse(json) as SurveyDefinition;
      } catch (parseError) {
        throw new Error(t('newSurvey.invalidJson', { error: (parseError as Error).message }));
      }
    }
    return templateDefinition(form);
  };
  const { submit, error, busy } = useCreateSurvey(() => ({ slug, title, source, definition: definition(), locales: ['en', 'es'] }));

  return (
    <section>
      <h1>{t('newSurvey.title')}</h1>
      <form className="form-grid" onSubmit={submit}>
        <label>
          {t('newSurvey.surveyTitle')}
          <input required maxLength={200} value={title} onChange={(e) => changeTitle(e.target.value)} />
        </label>
        <label>
          {t('newSurvey.slug')}
          <input required pattern="[a-z0-9]([a-z0-9\-]{0,62}[a-z0-9])?" value={slug} onChange={(e) => changeSlug(e.target.value)} />
          <small>{t('newSurvey.slugHelp', { slug: slug || '…' })}</small>
        </label>
        <fieldset>
          <legend>{t('newSurvey.source')}</legend>
          {(['template', 'json', 'blank'] as const).map((option) => (
            <label key={option} className="inline">
              <input type="radio" name="source" value={option} checked={source === option} onChange={() => setSource(option)} />
              {t(`newSurvey.source.${option}`)}
            </label>
          ))}
        </fieldset>

        {source === 'template' && <TemplateFieldset form={form} onChange={setForm} />}

        {source === 'json' && (
          <label>
            {t('newSurvey.json')}
            <textarea rows={14} className="code" value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} />
            <small>{t('newSurvey.jsonFile')}</small>
            <input type="file" accept="application/json,.json" onChange={(e) => void e.target.files?.[0]?.text().then(setJson)} />
          </label>
        )}

        <ErrorNotice error={error} />
        <button type="submit" disabled={busy}>
          {t('newSurvey.create')}
        </button>
      </form>
    </section>
  );
}
