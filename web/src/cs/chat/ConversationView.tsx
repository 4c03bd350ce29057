import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { FormAlert } from '../../forms';
import { formatPhone, useT } from '../../i18n';
import { useSession } from '../../session';
import { mapLink, useDateTime } from '../../staff/parts';
import { ErrorState, Loading } from '../../ui';
import { type ChatMessage, type ConversationSummary, useAssign, useConversation, useMarkRead } from './api';
import { Composer } from './Composer';
import { CustomerCard } from './CustomerCard';
import { OrderBuilder } from './OrderBuilder';
import { buttonsOf, imageOf, locationOf, StatusTicks, useShortTime } from './parts';

function Bubble({ message, onOrder }: { message: ChatMessage; onOrder: () => void }) {
  const t = useT();
  const when = useDateTime();
  const shortTime = useShortTime();
  const image = imageOf(message);
  const location = locationOf(message);
  const buttons = buttonsOf(message);
  const side = message.kind === 'note' ? 'note' : message.direction;
  return (
    <li className={`bubble bubble-${side}`}>
      {message.kind === 'note' && <p className="bubble-label">{t('chat.noteLabel')}</p>}
      {message.kind === 'reply' && <p className="bubble-label">{t('chat.buttonReply')}</p>}
      {message.kind === 'template' && <p className="bubble-label">{t('chat.templateLabel')}</p>}
      {image && (
        <a href={image} target="_blank" rel="noopener noreferrer">
          <img className="bubble-image" src={image} alt={t('chat.photo')} />
        </a>
      )}
      {message.kind === 'image' && !image && <p className="bubble-label">{t('chat.kind.image')}</p>}
      {location && (
        <a href={mapLink(location.lat, location.lng)} target="_blank" rel="noopener noreferrer">
          {t('chat.kind.location')} {location.lat}, {location.lng}
        </a>
      )}
      {message.body && <p className="bubble-body">{message.body}</p>}
      {buttons.length > 0 && (
        <ul className="bubble-buttons">
          {buttons.map((button) => (
            <li key={button.id} className="bubble-button">
              {button.title}
            </li>
          ))}
        </ul>
      )}
      <p className="bubble-meta">
        {message.authorName && <span>{message.authorName} · </span>}
        <time dateTime={message.createdAt} title={when(message.createdAt)}>
          {shortTime(message.createdAt)}
        </time>{' '}
        <StatusTicks message={message} />
      </p>
      {message.status === 'failed' && <p className="bubble-error">{t('chat.failed', { error: message.error ?? '' })}</p>}
      {message.direction === 'in' && message.kind === 'text' && (
        <button type="button" className="link-button bubble-action" onClick={onOrder}>
          {t('chat.orderFromMessage')}
        </button>
      )}
    </li>
  );
}

/** Who handles the chat, and taking it or letting it go. */
function Assignment({ conversation }: { conversation: ConversationSummary }) {
  const t = useT();
  const me = useSession().data?.user;
  const assign = useAssign(conversation.id);
  const mine = me !== undefined && me !== null && conversation.assignedTo?.userId === me.id;
  return (
    <div className="chat-assign">
      <span className="muted">
        {mine
          ? t('chat.handledByMe')
          : conversation.assignedTo
            ? t('chat.handledBy', { name: conversation.assignedTo.name })
            : t('chat.unassigned')}
      </span>
      {me && (
        <button
          type="button"
          className="button button-small button-secondary"
          disabled={assign.isPending}
          onClick={() => assign.mutate(mine ? null : me.id)}
        >
          {t(mine ? 'chat.unassign' : 'chat.assignToMe')}
        </button>
      )}
      <FormAlert error={assign.error} fields={[]} />
    </div>
  );
}

/** The thread: it opens at the newest message and stays there as messages and photos arrive (see .chat-thread). */
function Thread({ messages, onOrder }: { messages: ChatMessage[]; onOrder: (message: ChatMessage) => void }) {
  return (
    <div className="chat-thread">
      <ol className="chat-messages" aria-live="polite">
        {messages.map((message) => (
          <Bubble key={message.id} message={message} onOrder={() => onOrder(message)} />
        ))}
      </ol>
    </div>
  );
}

/** One chat: the thread, who else is typing, the composer, and the customer beside it. */
export function ConversationView({ id }: { id: string }) {
  const t = useT();
  const { search } = useLocation();
  const me = useSession().data?.user;
  const detail = useConversation(id);
  const markRead = useMarkRead(id);
  const [orderFrom, setOrderFrom] = useState<ChatMessage | null>(null);
  const unread = detail.data?.conversation.unread ?? 0;

  // Opening the chat reads what came in; so does a new message while it is open.
  // biome-ignore lint/correctness/useExhaustiveDependencies: markRead changes every render
  useEffect(() => {
    if (unread > 0) markRead.mutate(undefined);
  }, [unread]);

  const back = (
    <Link to={{ pathname: '/cs/percakapan', search }} className="chat-back">
      {t('chat.back')}
    </Link>
  );
  if (detail.isPending) return <Loading />;
  if (detail.error && !detail.data) {
    return (
      <div>
        {back}
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      </div>
    );
  }
  const { conversation, messages, customer, typing } = detail.data;
  // A location the customer shared in the chat is where they want the goods.
  const sharedPin = messages.map(locationOf).findLast((at) => at !== null) ?? null;
  const othersTyping = typing.filter((person) => person.userId !== me?.id).map((person) => person.name);
  return (
    <div className="chat-conversation">
      <div className="chat-main">
        {back}
        <header className="chat-head">
          <h2>{conversation.customerName || formatPhone(conversation.phone)}</h2>
          {conversation.customerName && <span className="phone">{formatPhone(conversation.phone)}</span>}
          <Assignment conversation={conversation} />
        </header>
        <Thread messages={messages} onOrder={setOrderFrom} />
        <p className="chat-typing" aria-live="polite">
          {othersTyping.length > 0 && t('chat.typing', { names: othersTyping.join(', ') })}
        </p>
        {!conversation.windowOpen && <p className="notice chat-window">{t('chat.windowClosed')}</p>}
        <Composer conversation={conversation} />
      </div>
      <CustomerCard customer={customer} />
      {orderFrom && (
        <OrderBuilder
          conversation={conversation}
          customer={customer}
          message={orderFrom}
          sharedPin={sharedPin}
          onClose={() => setOrderFrom(null)}
        />
      )}
    </div>
  );
}
