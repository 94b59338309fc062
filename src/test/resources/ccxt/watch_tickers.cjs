// An unmodified ccxt (pro) Upbit client pointed at the router by URL only: REST base and WebSocket URL.
// Usage: node watch_tickers.cjs <rest-base> <ws-url> <symbol> <count>; prints the tickers received as JSON.
const ccxt = require('ccxt');
const [rest, ws, symbol, count] = process.argv.slice(2);
const exchange = new ccxt.pro.upbit({ urls: { api: { public: rest, private: rest, ws: ws } } });
(async () => {
  // ccxt's own switch for a plain ws:// URL (it asks for it with every non-TLS WebSocket URL in node)
  await exchange.loadHttpProxyAgent();
  const tickers = [];
  while (tickers.length < Number(count)) {
    const t = await exchange.watchTicker(symbol);
    tickers.push({ symbol: t.symbol, last: t.last, timestamp: t.timestamp });
  }
  console.log(JSON.stringify({ ccxt: ccxt.version, tickers }));
  await exchange.close();
  process.exit(0);
})().catch((e) => { console.error('ccxt failed: ' + e); process.exit(2); });
