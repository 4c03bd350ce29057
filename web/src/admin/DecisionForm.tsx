import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { FormAlert, fieldError, TextField } from '../forms';
import { useT } from '../i18n';
import { adminSellersKey, type Decision, type SellerDetail, type SellerStatus } from '../seller/api';
import { checklistLabel } from '../seller/labels';

/** What a curator may do in each status (the server's transition table decides; this picks the buttons). */
const ACTIONS: Record<SellerStatus, Decision[]> = {
  submitted: ['approve', 'request_changes', 'reject'],
  changes_requested: [],
  approved: ['suspend'],
  suspended: ['reinstate'],
  rejected: [],
};
const NEEDS_REASON: Decision[] = ['request_changes', 'reject', 'suspend'];

/** The curation checklist as ticked boxes. */
export function ChecklistField(props: {
  items: string[];
  value: Record<string, boolean>;
  onChange: (v: Record<string, boolean>) => void;
  error?: string;
}) {
  const t = useT();
  return (
    <fieldset className="choice">
      <legend>{t('curation.checklist')}</legend>
      {props.items.map((item) => (
        <label key={item} className="check">
          <input
            type="checkbox"
            checked={props.value[item] === true}
            onChange={(e) => props.onChange({ ...props.value, [item]: e.target.checked })}
          />
          <span>{checklistLabel(t, item)}</span>
        </label>
      ))}
      {props.error && (
        <p className="field-error" role="alert">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}

/** Approve with the checklist ticked, or send back, reject, suspend with a reason the seller reads. */
export function DecisionForm({ detail }: { detail: SellerDetail }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [checklist, setChecklist] = useState<Record<string, boolean>>({});
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<Decision | null>(null);
  const actions = ACTIONS[detail.seller.status];

  const decide = useMutation({
    mutationFn: (action: Decision) =>
      api.post<SellerDetail>(`/api/admin/sellers/${detail.seller.id}/decisions`, { action, reason: reason.trim(), checklist }),
    onSuccess: (updated, action) => {
      setDone(action);
      setReason('');
      setChecklist({});
      queryClient.setQueryData([...adminSellersKey, detail.seller.id], updated);
      void queryClient.invalidateQueries({ queryKey: adminSellersKey });
    },
  });

  if (actions.length === 0) {
    return done ? <Saved action={done} /> : <p className="muted">{t('curation.noActions')}</p>;
  }
  const needsReason = actions.some((action) => NEEDS_REASON.includes(action));
  return (
    <form className="form" onSubmit={(e) => e.preventDefault()} noValidate>
      {actions.includes('approve') && (
        <ChecklistField items={detail.checklist} value={checklist} onChange={setChecklist} error={fieldError(decide.error, 'checklist')} />
      )}
      {needsReason && (
        <TextField
          label={t('curation.reason')}
          hint={t('curation.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={fieldError(decide.error, 'reason')}
        />
      )}
      <FormAlert error={decide.error} fields={['checklist', 'reason']} />
      {done && <Saved action={done} />}
      <div className="row">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'approve' || action === 'reinstate' ? 'button' : 'button button-secondary'}
            disabled={decide.isPending}
            onClick={() => {
              setDone(null);
              decide.mutate(action);
            }}
          >
            {t(`curation.action.${action}`)}
          </button>
        ))}
      </div>
    </form>
  );
}

function Saved({ action }: { action: Decision }) {
  const t = useT();
  return (
    <p className="notice notice-ok" role="status">
      {t(`curation.done.${action}`)}
    </p>
  );
}
