import { Link, useParams } from 'react-router';
import { useLang, useT } from '../i18n';
import { useTenant } from '../session';
import { ErrorState, Loading } from '../ui';
import { marketScheduleText, useMarketFront } from './catalog';
import { ProductList } from './ProductList';
import { ReferenceBoard } from './ReferenceBoard';
import { WhatsAppOrder } from './WhatsAppOrder';
import './catalog.css';

/** /pasar/:marketId: a market's days, its stalls, today's reference prices, and what it sells. */
export default function MarketPage() {
  const t = useT();
  const { lang } = useLang();
  const { marketId = '' } = useParams();
  const front = useMarketFront(marketId);
  const tenant = useTenant();
  if (front.isPending) return <Loading />;
  if (front.error) return <ErrorState error={front.error} onRetry={() => void front.refetch()} />;
  const { market, stalls, referencePrices } = front.data;
  return (
    <div className="page">
      <h1>{market.name}</h1>
      <p className="muted">{[market.address, market.hours].filter(Boolean).join(' · ')}</p>
      {/* Goods come on market days: what the buyer needs to know before ordering. */}
      <p>{marketScheduleText(t, lang, market)}</p>
      {/* A market trip can be ordered by chat too, with any program that takes WhatsApp orders. */}
      {tenant.data?.programs
        .filter((program) => program.whatsappPhone)
        .map((program) => (
          <p key={program.id}>
            <WhatsAppOrder
              program={program}
              greeting={t('shop.chatMarketOrder', { program: program.name, market: market.name })}
              label={t('shop.orderWhatsappProgram', { program: program.name })}
            />
          </p>
        ))}

      <section aria-labelledby="reference-heading">
        <h2 id="reference-heading">{t('shop.referenceTitle')}</h2>
        <ReferenceBoard prices={referencePrices} />
      </section>

      <section aria-labelledby="stalls-heading">
        <h2 id="stalls-heading">{t('shop.stalls')}</h2>
        {stalls.length === 0 ? (
          <p className="muted">{t('shop.noStalls')}</p>
        ) : (
          <ul className="stall-list">
            {stalls.map((stall) => (
              <li key={stall.sellerId}>
                <Link to={`/toko/${stall.sellerId}`}>{stall.name}</Link>
                <span className="muted">
                  {stall.stall && ` · ${stall.stall}`} · {t('shop.productCount', { count: stall.products })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="market-products-heading">
        <h2 id="market-products-heading">{t('shop.products')}</h2>
        <ProductList filters={{ marketId }} />
      </section>
    </div>
  );
}
