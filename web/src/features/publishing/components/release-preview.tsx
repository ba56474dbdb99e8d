import type { StaffPreview } from '@candor/shared';
import { HiddenReasonContext } from '../../../components/snapshot/hidden-label';
import { SnapshotView } from '../../../components/snapshot/snapshot-view';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useHiddenReasons } from '../hooks/use-hidden-reasons';
import type { HiddenReasons } from '../model/hidden-reasons';
import { plural } from '../model/plural';

interface ReleasePreviewProps {
  readonly preview: StaffPreview;
  readonly minGroup: number;
}

/** What would be published: the verdict, the audit, what is hidden and why, and the snapshot itself. */
export function ReleasePreview({ preview, minGroup }: ReleasePreviewProps) {
  const { locale } = useStaffTranslation();
  const { reasons, reasonOf } = useHiddenReasons(preview, minGroup);
  return (
    <div className="release-preview">
      <PreviewVerdict preview={preview} />
      <PreviewAudit preview={preview} minGroup={minGroup} />
      <PreviewWarnings warnings={preview.warnings} />
      {reasons && reasons.byFigure.length > 0 && <HiddenReasonsList reasons={reasons} count={preview.suppressions.length} />}
      {preview.snapshot && (
        <div className="preview-frame">
          <HiddenReasonContext.Provider value={reasonOf}>
            <SnapshotView snapshot={preview.snapshot} locale={locale} preview />
          </HiddenReasonContext.Provider>
        </div>
      )}
    </div>
  );
}

/** Ready to publish, or held back with every reason (and no numbers). */
function PreviewVerdict({ preview }: { readonly preview: StaffPreview }) {
  const { t } = useStaffTranslation();
  if (preview.canPublish) {
    return (
      <p className="notice notice--success" role="status">
        <span aria-hidden="true">✓ </span>
        {t('publish.ready')}
      </p>
    );
  }
  return (
    <div className="notice notice--error" role="alert">
      <p>{t('publish.blocked')}</p>
      <ul>
        {preview.blocks.map((block) => (
          <li key={block.code}>{block.message}</li>
        ))}
      </ul>
      <p>{t('publish.heldNoNumbers')}</p>
    </div>
  );
}

/** The disclosure audit's result and how many numbers are hidden, by kind of reason. */
function PreviewAudit({ preview, minGroup }: ReleasePreviewProps) {
  const { t } = useStaffTranslation();
  const count = (reason: string) => preview.suppressions.filter((s) => s.reason === reason).length;
  return (
    <>
      {preview.audit && (
        <p>
          {t('publish.audit', {
            targets: preview.audit.targets,
            solved: preview.audit.solved,
            rounds: preview.audit.iterations,
            result: preview.audit.passed ? t('publish.auditPassed') : t('publish.auditFailed'),
          })}
        </p>
      )}
      {preview.snapshot && (
        <p>
          {[
            plural(t, 'publish.hidden.primary', count('primary'), { k: preview.snapshot.k }),
            plural(t, 'publish.hidden.complementary', count('complementary')),
            plural(t, 'publish.hidden.groups', count('group-too-small'), { minGroup }),
          ].join(' ')}
        </p>
      )}
    </>
  );
}

function PreviewWarnings({ warnings }: { readonly warnings: readonly string[] }) {
  const { t } = useStaffTranslation();
  if (warnings.length === 0) return null;
  return (
    <div className="notice notice--warning">
      <p>{t('publish.warnings')}</p>
      <ul>
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </div>
  );
}

/** Each hidden number of the preview and why, folded away by figure. */
function HiddenReasonsList({ reasons, count }: { readonly reasons: HiddenReasons; readonly count: number }) {
  const { t } = useStaffTranslation();
  return (
    <section className="hidden-reasons" aria-labelledby="hidden-reasons-heading">
      <h2 id="hidden-reasons-heading">{t('publish.reasonsTitle')}</h2>
      <p className="hint">{t('publish.reasonsIntro')}</p>
      <details>
        <summary>{plural(t, 'publish.reasonsShow', count)}</summary>
        <ul>
          {reasons.byFigure.map((entry) => (
            <li key={entry.figure}>
              <strong>{entry.figure}</strong>
              <ul>
                {entry.numbers.map((number) => (
                  <li key={number.id}>
                    {number.label}: <em>{number.reason}</em>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
