import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import type { Resource, TemplateForm } from '../model/template-form';

interface TemplateFieldsetProps {
  readonly form: TemplateForm;
  readonly onChange: (form: TemplateForm) => void;
}

/** The policy-impact template's questions to the researcher: the event(s), recall, demographics, resources. */
export function TemplateFieldset({ form, onChange }: TemplateFieldsetProps) {
  const { t } = useStaffTranslation();
  return (
    <fieldset>
      <legend>{t('newSurvey.source.template')}</legend>
      <label>
        {t('newSurvey.eventName')}
        <input required value={form.eventName} onChange={(e) => onChange({ ...form, eventName: e.target.value })} />
      </label>
      <label>
        {t('newSurvey.eventDate')}
        <input type="date" required value={form.eventDate} onChange={(e) => onChange({ ...form, eventDate: e.target.value })} />
      </label>
      <SecondEventFields form={form} onChange={onChange} />
      <label>
        {t('newSurvey.recallMonths')}
        <input
          type="number"
          min={1}
          max={24}
          required
          value={form.recallMonths}
          onChange={(e) => onChange({ ...form, recallMonths: Number(e.target.value) })}
        />
      </label>
      <label className="inline">
        <input
          type="checkbox"
          checked={form.includeDemographics}
          onChange={(e) => onChange({ ...form, includeDemographics: e.target.checked })}
        />
        {t('newSurvey.demographics')}
      </label>
      <label>
        {t('newSurvey.organization')}
        <input value={form.organization} onChange={(e) => onChange({ ...form, organization: e.target.value })} />
      </label>
      <ResourcesFieldset resources={form.resources} onChange={(resources) => onChange({ ...form, resources })} />
    </fieldset>
  );
}

/** A second event to compare with, asked for only when ticked. */
function SecondEventFields({ form, onChange }: TemplateFieldsetProps) {
  const { t } = useStaffTranslation();
  return (
    <>
      <label className="inline">
        <input type="checkbox" checked={form.withSecond} onChange={(e) => onChange({ ...form, withSecond: e.target.checked })} />
        {t('newSurvey.secondEvent')}
      </label>
      {form.withSecond && (
        <>
          <label>
            {t('newSurvey.secondEventName')}
            <input required value={form.secondName} onChange={(e) => onChange({ ...form, secondName: e.target.value })} />
          </label>
          <label>
            {t('newSurvey.secondEventDate')}
            <input type="date" required value={form.secondDate} onChange={(e) => onChange({ ...form, secondDate: e.target.value })} />
          </label>
        </>
      )}
    </>
  );
}

interface ResourcesFieldsetProps {
  readonly resources: readonly Resource[];
  readonly onChange: (resources: Resource[]) => void;
}

/** Support resources offered to respondents at the end: name and contact, added and removed. */
function ResourcesFieldset({ resources, onChange }: ResourcesFieldsetProps) {
  const { t } = useStaffTranslation();
  const setResource = (index: number, patch: Partial<Resource>) =>
    onChange(resources.map((r, i) => (i === index ? { ...r, ...patch } : r)));

  return (
    <fieldset>
      <legend>{t('newSurvey.resources')}</legend>
      {resources.map((resource, index) => (
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
          <button type="button" className="button--secondary" onClick={() => onChange(resources.filter((_, i) => i !== index))}>
            {t('common.delete')}
          </button>
        </div>
      ))}
      <button type="button" className="button--secondary" onClick={() => onChange([...resources, { name: '', contact: '' }])}>
        {t('newSurvey.addResource')}
      </button>
    </fieldset>
  );
}
