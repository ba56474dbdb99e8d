import { useCallback, useRef, type RefObject } from 'react';
import type { Model } from 'survey-core';
import type { PublicSurvey } from '@candor/shared';
import { ApiError } from '../../../lib/api-client';
import { useTranslation } from '../../../lib/i18n/i18n';
import { sealAnswersForSending } from '../../../lib/sealed-answers';
import { fetchSurvey, newIdempotencyKey, submitResponse } from '../api/survey-api';
import { closingByLanguage } from '../model/closing';
import { sendFailure, type PendingSubmission, type Phase } from '../model/phase';

interface SubmissionOptions {
  readonly slug: string;
  readonly survey: PublicSurvey | null;
  readonly model: Model | null;
  readonly outreachCode: string;
  readonly proof: RefObject<Promise<string> | null>;
  readonly startProof: () => void;
  readonly setPhase: (phase: Phase) => void;
  /** The survey changed while the respondent answered: show `fresh` with these answers carried over. */
  readonly onNewVersion: (fresh: PublicSurvey, answers: Record<string, unknown>) => void;
}

/** Sending the answers once, sealed once: a retry resends the same submission with the same key. */
export function useSubmission({ slug, survey, model, outreachCode, proof, startProof, setPhase, onNewVersion }: SubmissionOptions) {
  const { t } = useTranslation();
  const pending = useRef<PendingSubmission | null>(null);
  const closing = useRef<Readonly<Record<string, string>> | undefined>(undefined);

  const send = useCallback(
    async (retriedProof = false) => {
      const submission = pending.current;
      if (!survey || !submission) return;
      if (survey.protection.outreachCode && outreachCode.trim() === '') {
        setPhase({ kind: 'code' });
        return;
      }
      setPhase({ kind: 'sending' });
      try {
        if (survey.protection.proofOfWork && !proof.current) startProof();
        const proofOfWork = survey.protection.proofOfWork ? await (proof.current as Promise<string>) : undefined;
        await submitResponse(slug, {
          versionId: survey.versionId,
          answers: submission.sealed,
          idempotencyKey: submission.idempotencyKey,
          ...(proofOfWork ? { proofOfWork } : {}),
          ...(survey.protection.outreachCode ? { outreachCode } : {}),
        });
        pending.current = null;
        proof.current = null;
        setPhase({ kind: 'done', closing: closing.current });
      } catch (error) {
        const failure = sendFailure(error, t);
        if (failure === 'retry-proof') {
          // Expired or used (e.g. after a server restart): solve a fresh one, once, and resend.
          startProof();
          if (!retriedProof) await send(true);
          else setPhase({ kind: 'send-failed' });
        } else if (failure === 'new-version') {
          // Load the new version and carry over the answers that still fit it.
          const fresh = await fetchSurvey(slug).catch(() => null);
          if (!fresh) {
            setPhase({ kind: 'send-failed' });
            return;
          }
          pending.current = null;
          onNewVersion(fresh, submission.answers);
        } else {
          // The puzzle failed or the network did: the next try solves a fresh puzzle.
          if (!(error instanceof ApiError)) proof.current = null;
          setPhase(failure);
        }
      }
    },
    [slug, survey, outreachCode, proof, startProof, setPhase, onNewVersion, t],
  );

  const onComplete = useCallback(
    (answers: Record<string, unknown>) => {
      pending.current = { answers, sealed: survey ? sealAnswersForSending(survey, answers) : answers, idempotencyKey: newIdempotencyKey() };
      closing.current = closingByLanguage(survey, model, answers);
      void send();
    },
    [send, survey, model],
  );

  return { send, onComplete };
}
