import { Link } from 'react-router';
import type { Market, Program } from '../api';
import { formatPhone, useLang, useT, whatsappLink } from '../i18n';
import { marketKindLabel } from '../labels';
import { useTenant } from '../session';
import { ErrorState, Loading } from '../ui';
import { CATEGORIES } from './catalog';
import { SearchBox } from './SearchBox';
import { WhatsAppOrder } from './WhatsAppOrder';
import './catalog.css';

function ProgramCard({ program }: { program: Program }) {
  const t = useT();
  return (
    <li className="card">
      <h3>{program.name}</h3>
      {program.description && <p>{program.description}</p>}
      <Link to={`/cari?programId=${program.id}`} className="small-link">
        {t('shop.programProducts')}
      </Link>
      {program.whatsappPhone && (
        <>
          <p className="whatsapp">
            {t('home.whatsapp')}:{' '}
            <a href={whatsappLink(program.whatsappPhone)} target="_blank" rel="noopener noreferrer" className="phone">
              {formatPhone(program.whatsappPhone)}
            </a>
          </p>
          <WhatsAppOrder program={program} />
        </>
      )}
    </li>
  );
}

function MarketCard({ market }: { market: Market }) {
  const t = useT();
  const hasMap = market.lat !== null && market.lng !== null;
  return (
    <li className="card">
      <h3>
        <Link to={`/pasar/${market.id}`}>{market.name}</Link>
      </h3>
      <p className="badge">{marketKindLabel(t, market.kind)}</p>
      <p>{market.address}</p>
      {market.hours && (
        <p>
          {t('home.hours')}: {market.hours}
        </p>
      )}
      {hasMap && (
        <a
          className="small-link"
          href={`https://www.openstreetmap.org/?mlat=${market.lat}&mlon=${market.lng}#map=17/${market.lat}/${market.lng}`}
          target="_blank"
          rel="noopener noreferrer"
        >
          {t('home.map')}
        </a>
      )}
    </li>
  );
}

/** Public home: search, categories, who runs this market, its programs, and its markets. */
export default function Storefront() {
  const t = useT();
  const { lang } = useLang();
  const { data, error, isPending, refetch } = useTenant();
  if (isPending) return <Loading />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;

  const markets = data.markets.filter((market) => market.active);
  return (
    <div className="page">
      <section className="hero">
        <h1>{data.tenant.name}</h1>
        <p className="muted">{t('home.areaCode', { code: data.tenant.areaCode })}</p>
        <p>{t('home.intro')}</p>
        <SearchBox />
      </section>

      <nav aria-labelledby="categories-heading">
        <h2 id="categories-heading">{t('shop.categories')}</h2>
        <ul className="chips">
          {CATEGORIES.map((category) => (
            <li key={category.slug}>
              <Link to={`/cari?category=${category.slug}`}>{category[lang]}</Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="programs-heading">
        <h2 id="programs-heading">{t('home.programs')}</h2>
        {data.programs.length === 0 ? (
          <p className="muted">{t('home.noPrograms')}</p>
        ) : (
          <ul className="cards">
            {data.programs.map((program) => (
              <ProgramCard key={program.id} program={program} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="markets-heading">
        <h2 id="markets-heading">{t('home.markets')}</h2>
        {markets.length === 0 ? (
          <p className="muted">{t('home.noMarkets')}</p>
        ) : (
          <ul className="cards">
            {markets.map((market) => (
              <MarketCard key={market.id} market={market} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
