import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { api, isApiError } from '../api';
import { buttonsOf, imageOf, useShortTime } from '../cs/chat/parts';
import { FormAlert, SelectField, TextField } from '../forms';
import { formatPhone, useT } from '../i18n';
import { ErrorState, Loading } from '../ui';
import './whatsapp.css';

type ProgramNumber = { programId: string; programName: string; phone: string | null; phoneNumberId: string };
type SimulatedMessage = {
  id: string;
  direction: 'in' | 'out';
  kind: string;
  body: string;
  data: Record<string, unknown> | null;
  status: string | null;
  createdAt: string;
};
type Customer = { programId: string; phone: string; name: string };
type Sent = { text: string } | { replyId: string; replyTitle: string };

const threadKey = (customer: Customer) => ['dev', 'whatsapp', customer.programId, customer.phone];

/** One message seen from the customer's phone: theirs on the right, the program's on the left. */
function Bubble(props: { message: SimulatedMessage; onTap: (button: { id: string; title: string }) => void; disabled: boolean }) {
  const { message } = props;
  const shortTime = useShortTime();
  const image = imageOf(message);
  const buttons = buttonsOf(message);
  return (
    <li className={message.direction === 'in' ? 'wa-bubble wa-mine' : 'wa-bubble wa-theirs'}>
      {image && <img className="wa-image" src={image} alt="" />}
      {message.body && <p className="wa-body">{message.body}</p>}
      <time className="wa-time" dateTime={message.createdAt}>
        {shortTime(message.createdAt)}
      </time>
      {buttons.length > 0 && (
        <div className="wa-buttons">
          {buttons.map((button) => (
            <button key={button.id} type="button" disabled={props.disabled} onClick={() => props.onTap(button)}>
              {button.title}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}

/** The chat with one program's number, as the customer sees it, and what they type. */
function PhoneChat({ customer, number }: { customer: Customer; number: ProgramNumber }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const thread = useQuery({
    queryKey: threadKey(customer),
    queryFn: () =>
      api.get<{ messages: SimulatedMessage[] }>(
        `/api/dev/whatsapp?${new URLSearchParams({ programId: customer.programId, phone: customer.phone })}`,
      ),
    refetchInterval: 2000,
  });
  const send = useMutation({
    mutationFn: (sent: Sent) => api.post('/api/dev/whatsapp/messages', { ...customer, name: customer.name || undefined, ...sent }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: threadKey(customer) }),
  });
  const messages = thread.data?.messages ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim()) send.mutate({ text }, { onSuccess: () => setText('') });
  }

  let body: ReactNode;
  if (thread.isPending) body = <Loading />;
  else if (thread.error && !thread.data) body = <FormAlert error={thread.error} fields={[]} />;
  else if (messages.length === 0) body = <p className="wa-empty">{t('simulator.empty')}</p>;
  else
    body = (
      <div className="wa-thread">
        <ol className="wa-messages" aria-live="polite">
          {messages.map((message) => (
            <Bubble
              key={message.id}
              message={message}
              disabled={send.isPending}
              onTap={(button) => send.mutate({ replyId: button.id, replyTitle: button.title })}
            />
          ))}
        </ol>
      </div>
    );

  return (
    <div className="wa-phone">
      <header className="wa-head">
        <strong>{number.programName}</strong>
        {number.phone && <span className="phone">{formatPhone(number.phone)}</span>}
      </header>
      {body}
      <form className="wa-composer" onSubmit={submit}>
        <label htmlFor="wa-text" className="visually-hidden">
          {t('simulator.message')}
        </label>
        <textarea id="wa-text" rows={2} value={text} onChange={(event) => setText(event.target.value)} />
        <button type="submit" className="button" disabled={send.isPending || !text.trim()}>
          {send.isPending ? t('simulator.sending') : t('simulator.send')}
        </button>
      </form>
      <FormAlert error={send.error} fields={[]} />
    </div>
  );
}

/**
 * Demo mode only: a customer's WhatsApp on this screen. Pick the program's number and who is
 * writing; what they send reaches the CS desk as if from a real phone.
 */
export default function WhatsAppSimulator() {
  const t = useT();
  const numbers = useQuery({
    queryKey: ['dev', 'whatsapp', 'numbers'],
    queryFn: () => api.get<{ numbers: ProgramNumber[] }>('/api/dev/whatsapp/numbers'),
    retry: (count, error) => !isApiError(error, 404) && count < 3,
  });
  const [programId, setProgramId] = useState('');
  const [phone, setPhone] = useState('0812-3456-7890');
  const [name, setName] = useState('Bu Rina');

  let body: ReactNode;
  if (numbers.isPending) body = <Loading />;
  else if (isApiError(numbers.error, 404)) body = <p className="notice">{t('simulator.notDemo')}</p>;
  else if (numbers.error) body = <ErrorState error={numbers.error} onRetry={() => void numbers.refetch()} />;
  else if (numbers.data.numbers.length === 0) body = <p className="notice">{t('simulator.noNumbers')}</p>;
  else {
    const number = numbers.data.numbers.find((n) => n.programId === programId) ?? (numbers.data.numbers[0] as ProgramNumber);
    body = (
      <>
        <div className="wa-settings">
          {numbers.data.numbers.length > 1 && (
            <SelectField label={t('simulator.number')} value={number.programId} onChange={(event) => setProgramId(event.target.value)}>
              {numbers.data.numbers.map((n) => (
                <option key={n.programId} value={n.programId}>
                  {n.phone ? `${n.programName} — ${formatPhone(n.phone)}` : n.programName}
                </option>
              ))}
            </SelectField>
          )}
          <TextField
            label={t('simulator.phone')}
            inputMode="tel"
            autoComplete="off"
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
          />
          <TextField label={t('simulator.name')} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        {phone.trim() && <PhoneChat customer={{ programId: number.programId, phone: phone.trim(), name: name.trim() }} number={number} />}
      </>
    );
  }

  return (
    <section className="page narrow">
      <h1>{t('simulator.title')}</h1>
      <p>{t('simulator.intro')}</p>
      {body}
      <p>
        <Link to="/dev/kotak-masuk">{t('simulator.inbox')}</Link>
      </p>
    </section>
  );
}
