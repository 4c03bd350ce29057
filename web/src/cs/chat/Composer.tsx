import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import { uploadWithProgress } from '../../api';
import { FormAlert, fieldError, TextAreaField, TextField } from '../../forms';
import { useT } from '../../i18n';
import {
  type ConversationSummary,
  sendTyping,
  useAddNote,
  useDeleteQuickReply,
  useQuickReplies,
  useSaveQuickReply,
  useSendMessage,
} from './api';

/** Others see "… is typing" for a few seconds after each signal: one every 3 s is enough. */
const TYPING_EVERY_MS = 3000;

/** The saved answers: one tap sends one; new ones are added here too. */
function QuickReplies({
  conversation,
  onSend,
  disabled,
}: {
  conversation: ConversationSummary;
  onSend: (id: string) => void;
  disabled: boolean;
}) {
  const t = useT();
  const replies = useQuickReplies(conversation.programId);
  const save = useSaveQuickReply(conversation.programId);
  const remove = useDeleteQuickReply(conversation.programId);
  const menu = useRef<HTMLDetailsElement>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');

  function add(event: FormEvent) {
    event.preventDefault();
    save.mutate(
      { title: title.trim(), body: body.trim() },
      {
        onSuccess: () => {
          setTitle('');
          setBody('');
        },
      },
    );
  }

  return (
    <details className="quick-replies" ref={menu}>
      <summary className="button button-small button-secondary">{t('chat.quickReplies')}</summary>
      <div className="quick-replies-panel">
        {replies.isPending && <p className="muted">{t('common.loading')}</p>}
        {replies.data?.quickReplies.length === 0 && <p className="muted">{t('chat.noQuickReplies')}</p>}
        <ul className="plain-list">
          {replies.data?.quickReplies.map((reply) => (
            <li key={reply.id} className="quick-reply">
              <button
                type="button"
                className="link-button"
                disabled={disabled}
                title={reply.body}
                onClick={() => {
                  onSend(reply.id);
                  if (menu.current) menu.current.open = false;
                }}
              >
                {reply.title}
              </button>
              <button
                type="button"
                className="link-button text-danger"
                aria-label={t('chat.deleteQuickReply', { title: reply.title })}
                disabled={remove.isPending}
                onClick={() => remove.mutate(reply.id)}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
        <form className="form" onSubmit={add}>
          <TextField
            label={t('chat.quickReplyTitle')}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            required
            maxLength={40}
            error={fieldError(save.error, 'title')}
          />
          <TextAreaField
            label={t('chat.quickReplyBody')}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            required
            error={fieldError(save.error, 'body')}
          />
          <FormAlert error={save.error ?? remove.error} fields={['title', 'body']} />
          <button type="submit" className="button button-small" disabled={save.isPending}>
            {t('chat.saveQuickReply')}
          </button>
        </form>
      </div>
    </details>
  );
}

/** A photo picked is uploaded (with progress, mobile data is slow) and sent with the typed text as its caption. */
function PhotoButton({ onUploaded, disabled }: { onUploaded: (mediaId: string) => void; disabled: boolean }) {
  const t = useT();
  const id = useId();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function pick(file: File) {
    const form = new FormData();
    form.append('file', file);
    setError(null);
    setProgress(0);
    try {
      const { media } = await uploadWithProgress<{ media: { id: string } }>('/api/media', form, setProgress);
      onUploaded(media.id);
    } catch (failure) {
      setError(failure);
    } finally {
      setProgress(null);
    }
  }

  return (
    <>
      <label htmlFor={id} className="button button-small button-secondary" aria-disabled={disabled || progress !== null}>
        {progress === null ? t('chat.photo') : t('chat.uploading', { percent: Math.round(progress * 100) })}
      </label>
      <input
        id={id}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        className="visually-hidden"
        disabled={disabled || progress !== null}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // the same photo again still fires a change
          if (file) void pick(file);
        }}
      />
      <FormAlert error={error} fields={[]} />
    </>
  );
}

/** Write to the customer, or (the note switch) to the other agents only. */
export function Composer({ conversation }: { conversation: ConversationSummary }) {
  const t = useT();
  const [text, setText] = useState('');
  const [asNote, setAsNote] = useState(false);
  const send = useSendMessage(conversation.id);
  const note = useAddNote(conversation.id);
  const lastTyping = useRef(0);
  const formId = useId();
  const pending = send.isPending || note.isPending;

  function typed(value: string) {
    setText(value);
    const now = Date.now();
    if (!asNote && value.trim() && now - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = now;
      void sendTyping(conversation.id).catch(() => undefined); // only a hint to the others
    }
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const body = text.trim();
    if (!body || pending) return;
    const done = { onSuccess: () => setText('') };
    if (asNote) note.mutate(body, done);
    else send.mutate({ body }, done);
  }

  // Ctrl+Enter sends from the desk keyboard; Enter alone is a new line (orders come as lists).
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  }

  // The actions sit outside the form (the quick replies have a form of their own); "Kirim" submits it by id.
  return (
    <div className={asNote ? 'composer composer-note' : 'composer'}>
      <form id={formId} onSubmit={submit}>
        <TextAreaField
          label={t(asNote ? 'chat.noteField' : 'chat.messageField')}
          hint={t(asNote ? 'chat.noteHint' : 'chat.messageHint')}
          value={text}
          rows={3}
          onChange={(event) => typed(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <FormAlert error={send.error ?? note.error} fields={[]} />
      </form>
      <div className="composer-actions">
        <label className="check composer-note-switch">
          <input type="checkbox" checked={asNote} onChange={(event) => setAsNote(event.target.checked)} />
          <span>{t('chat.noteToggle')}</span>
        </label>
        {!asNote && (
          <>
            <QuickReplies conversation={conversation} disabled={pending} onSend={(quickReplyId) => send.mutate({ quickReplyId })} />
            <PhotoButton
              disabled={pending}
              onUploaded={(mediaId) =>
                send.mutate({ mediaId, ...(text.trim() ? { caption: text.trim() } : {}) }, { onSuccess: () => setText('') })
              }
            />
          </>
        )}
        <button type="submit" form={formId} className="button composer-send" disabled={pending || !text.trim()}>
          {pending ? t('chat.sending') : t(asNote ? 'chat.saveNote' : 'chat.send')}
        </button>
      </div>
    </div>
  );
}
