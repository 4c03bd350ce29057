import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { formatPhone, useT } from '../../i18n';
import { ProgramSelect, Tabs, useChosenProgram } from '../../staff/parts';
import { ErrorState, Loading } from '../../ui';
import { type ConversationFilter, type ConversationSummary, useConversations } from './api';
import { ConversationView } from './ConversationView';
import { MessagePreview, useShortTime } from './parts';
import './chat.css';

const FILTERS: ConversationFilter[] = ['all', 'mine', 'unassigned'];

function ConversationItem({ conversation, current }: { conversation: ConversationSummary; current: boolean }) {
  const t = useT();
  const { search } = useLocation();
  const shortTime = useShortTime();
  const title = conversation.customerName || formatPhone(conversation.phone);
  return (
    <li>
      <Link
        to={{ pathname: `/cs/percakapan/${encodeURIComponent(conversation.id)}`, search }}
        className={conversation.unread > 0 ? 'chat-item chat-item-unread' : 'chat-item'}
        aria-current={current ? 'page' : undefined}
      >
        <span className="chat-item-head">
          <strong className="chat-item-name">{title}</strong>
          <time dateTime={conversation.lastMessageAt}>{shortTime(conversation.lastMessageAt)}</time>
        </span>
        <span className="chat-item-last">
          {conversation.lastMessage && <MessagePreview message={conversation.lastMessage} />}
          {conversation.unread > 0 && (
            <span className="count" title={t('chat.unread', { count: conversation.unread })}>
              {conversation.unread}
            </span>
          )}
        </span>
        <span className="chat-item-agent muted">
          {conversation.assignedTo ? t('chat.handledBy', { name: conversation.assignedTo.name }) : t('chat.unassigned')}
        </span>
      </Link>
    </li>
  );
}

function ConversationList({ programId, currentId }: { programId: string | undefined; currentId: string | undefined }) {
  const t = useT();
  const [params] = useSearchParams();
  const filter = FILTERS.find((f) => f === params.get('filter')) ?? 'all';
  const conversations = useConversations(programId, filter);
  return (
    <div className="chat-list">
      <Tabs
        label={t('chat.filter')}
        param="filter"
        current={filter}
        tabs={FILTERS.map((value) => ({ value, label: t(`chat.filter.${value}`) }))}
      />
      {conversations.isPending ? (
        <Loading />
      ) : conversations.error && !conversations.data ? (
        <ErrorState error={conversations.error} onRetry={() => void conversations.refetch()} />
      ) : conversations.data.conversations.length === 0 ? (
        <p className="muted">{t(`chat.empty.${filter}`)}</p>
      ) : (
        <ul className="chat-items" aria-label={t('chat.title')}>
          {conversations.data.conversations.map((conversation) => (
            <ConversationItem key={conversation.id} conversation={conversation} current={conversation.id === currentId} />
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * /cs/percakapan[/:conversationId]: the program's WhatsApp chats. On a phone the list or one
 * chat; on a desk the list beside the chat, and the customer beside that on a wide screen.
 */
export function ChatPage() {
  const t = useT();
  const { conversationId } = useParams();
  const { programs, program, choose } = useChosenProgram();
  return (
    <section className="chat-desk">
      <h1 className={conversationId ? 'visually-hidden' : undefined}>{t('chat.title')}</h1>
      <ProgramSelect programs={programs} value={program?.id ?? ''} onChange={choose} />
      <div className={conversationId ? 'chat-layout chat-layout-open' : 'chat-layout'}>
        <ConversationList programId={program?.id} currentId={conversationId} />
        {conversationId ? (
          <ConversationView key={conversationId} id={conversationId} />
        ) : (
          <p className="chat-placeholder muted">{t('chat.choose')}</p>
        )}
      </div>
    </section>
  );
}
