import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { buildPolicyImpactSurvey, POLICY_IMPACT_DEFAULTS, type SurveyDefinition, type SurveySource } from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { surveysApi } from '../api/surveys-api';

interface TemplateForm {
  eventName: string;
  eventDate: string;
  withSecond: boolean;
  secondName: string;
  secondDate: string;
  recallMonths: number;
  includeDemographics: boolean;
  organization: string;
  resources: { name: string; contact: string }[];
}

const slugFrom = (title: string) =>
  title
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);

/** Creates a survey from the policy-impact template, imported SurveyJS JSON, or blank. */
export function NewSurveyPage() {
  const { t } = useStaffTranslation();
  const navigate = useNavigate();
  const [source, setSource] = useState<SurveySource>('template');
  const [title, setTitle] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [json, setJson] = useState('');
  const [form, setForm] = useState<TemplateForm>({
    eventName: POLICY_IMPACT_DEFAULTS.eventName,
    eventDate: POLICY_IMPACT_DEFAULTS.eventDate,
    withSecond: false,
    secondName: '',
    secondDate: '',
    recallMonths: POLICY_IMPACT_DEFAULTS.recallMonths,
    includeDemographics: true,
    organization: '',
    resources: [],
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const definition = (): SurveyDefinition | undefined => {
    if (source === 'blank') return undefined;
    if (source === 'json') {
      try {
        return JSON.parse(json) as SurveyDefinition;
      } catch (parseError) {
        throw new Error(t('newSurvey.invalidJson', { error: (parseError as Error).message }));
      }
    }
    return buildPolicyImpactSurvey({
      eventName: form.eventName,
      eventDate: form.eventDate,
      secondEvent: form.withSecond ? { name: form.secondName, date: form.secondDate } : undefined,
      recallMonths: form.recallMonths,
      includeDemographics: form.includeDemographics,
      organization: form.organization || undefined,
      resources: form.resources.filter((r) => r.name.trim() !== ''),
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const created = await surveysApi.create({ slug, title, source, definition: definition(), locales: ['en', 'es'] });
      void navigate(`/staff/surveys/${created.id}`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const setResource = (index: number, patch: Partial<{ name: string; contact: string }>) =>
    setForm({ ...form, resources: form.resources.map((r, i) => (i === index ? { ...r, ...patch } : r)) });

  return (
    <section>
      <h1>{t('newSurvey.title')}</h1>
      <form className="form-grid" onSubmit={submit}>
        <label>
          {t('newSurvey.surveyTitle')}
          <input
            required
            maxLength={200}
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              if (!slugEdited) setSlug(slugFrom(e.target.value));
            }}
          />
        </label>
        <label>
          {t('newSurvey.slug')}
          <input
            required
            pattern="[a-z0-9]([a-z0-9\-]{0,62}[a-z0-9])?"
            value={slug}
            onChange={(e) => {
              setSlug(e.target.value);
              setSlugEdited(true);
            }}
          />
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

        {source === 'template' && (
          <fieldset>
            <legend>{t('newSurvey.source.template')}</legend>
            <label>
              {t('newSurvey.eventName')}
              <input required value={form.eventName} onChange={(e) => setForm({ ...form, eventName: e.target.value })} />
            </label>
            <label>
              {t('newSurvey.eventDate')}
              <input type="date" required value={form.eventDate} onChange={(e) => setForm({ ...form, eventDate: e.target.value })} />
            </label>
            <label className="inline">
              <input type="checkbox" checked={form.withSecond} onChange={(e) => setForm({ ...form, withSecond: e.target.checked })} />
              {t('newSurvey.secondEvent')}
            </label>
            {form.withSecond && (
              <>
                <label>
                  {t('newSurvey.secondEventName')}
                  <input required value={form.secondName} onChange={(e) => setForm({ ...form, secondName: e.target.value })} />
                </label>
                <label>
                  {t('newSurvey.secondEventDate')}
                  <input type="date" required value={form.secondDate} onChange={(e) => setForm({ ...form, secondDate: e.target.value })} />
                </label>
              </>
            )}
            <label>
              {t('newSurvey.recallMonths')}
              <input
                type="number"
                min={1}
                max={24}
                required
                value={form.recallMonths}
                onChange={(e) => setForm({ ...form, recallMonths: Number(e.target.value) })}
              />
            </label>
            <label className="inline">
              <input
                type="checkbox"
                checked={form.includeDemographics}
                onChange={(e) => setForm({ ...form, includeDemographics: e.target.checked })}
              />
              {t('newSurvey.demographics')}
            </label>
            <label>
              {t('newSurvey.organization')}
              <input value={form.organization} onChange={(e) => setForm({ ...form, organization: e.target.value })} />
            </label>
            <fieldset>
              <legend>{t('newSurvey.resources')}</legend>
              {form.resources.map((resource, index) => (
                <div key={index} className="row">
                  <input
                    aria-label={t('newSurvey.resourceName')}
                    placeholder={t('newSurvey.resourceName')}
                    value={resource.name}
                    onChange={(e) => setResource(index, { name: e.target.value })}
                  />
                  <input
                    aria-label={t('newSurvey.resourceContact')}
                    placeholder={t('newSurvey.resourceContact')}
                    value={resource.contact}
                    onChange={(e) => setResource(index, { contact: e.target.value })}
                  />
                  <button
                    type="button"
                    className="button--secondary"
                    onClick={() => setForm({ ...form, resources: form.resources.filter((_, i) => i !== index) })}
                  >
                    {t('common.delete')}
                  </button>
                </div>
              ))}
              <button
                type="button"
                className="button--secondary"
                onClick={() => setForm({ ...form, resources: [...form.resources, { name: '', contact: '' }] })}
              >
                {t('newSurvey.addResource')}
              </button>
            </fieldset>
          </fieldset>
        )}

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
