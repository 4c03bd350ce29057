import { Link } from 'react-router';
import { formatRupiah, useT } from '../../i18n';
import { orderBadge, orderStatusLabel } from '../../staff/labels';
import { mapLink, PhoneLinks, useDateTime } from '../../staff/parts';
import type { CustomerProfile } from './api';

/** Who the agent is talking to: how to reach them, where they live, what they ordered before. */
export function CustomerCard({ customer }: { customer: CustomerProfile }) {
  const t = useT();
  const when = useDateTime();
  return (
    <aside className="chat-customer card" aria-labelledby="customer-heading">
      <h2 id="customer-heading" className="card-title">
        {customer.name || t('chat.customer')}
      </h2>
      <PhoneLinks phone={customer.phone} />
      {!customer.userId && <p className="muted">{t('chat.noAccount')}</p>}

      <h3>{t('chat.addresses')}</h3>
      {customer.addresses.length === 0 ? (
        <p className="muted">{t('chat.noAddresses')}</p>
      ) : (
        <ul className="plain-list">
          {customer.addresses.map((place) => (
            <li key={`${place.address}-${place.areaCode}`}>
              {place.address}
              {place.lat !== null && place.lng !== null && (
                <>
                  {' '}
                  <a href={mapLink(place.lat, place.lng)} target="_blank" rel="noopener noreferrer" className="small-link">
                    {t('home.map')}
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3>{t('chat.orders')}</h3>
      {customer.orders.length === 0 ? (
        <p className="muted">{t('chat.noOrders')}</p>
      ) : (
        <ul className="plain-list">
          {customer.orders.map((order) => (
            <li key={order.id}>
              <Link to={`/cs/pesanan/${encodeURIComponent(order.id)}`}>{order.number}</Link>{' '}
              <span className={orderBadge(order.status)}>{orderStatusLabel(t, order.status)}</span>
              <br />
              <span className="money">{formatRupiah(order.total)}</span> · <span className="muted">{when(order.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
