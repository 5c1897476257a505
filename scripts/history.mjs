// A generated long history for the large-history test and benchmark: `n` finished fixed-price
// contracts over 30 months before `as_of`, with 300 clients (a few per month each), as an
// agency or a long-time freelancer has. The same input for both, so the test checks what the
// benchmark measures.
export function history(n) {
  const day = (offset) => new Date(Date.UTC(2024, 5, 1) + offset * 86_400_000).toISOString().slice(0, 10);
  const clients = Array.from({ length: 300 }, (_, i) => ({ id: `c${i}`, name: `Client ${i}` }));
  const contracts = Array.from({ length: n }, (_, i) => {
    const start = Math.floor((i * 880) / n);
    return {
      id: `k${i}`,
      client: `c${i % 300}`,
      title: `Landing page ${i}`,
      type: 'fixed',
      start: day(start),
      payments: [{ date: day(start + 10), amount: 200 + (i % 7) * 50 }],
      end: { date: day(start + 10), by: 'client', reason: 'completed' },
      feedback: { date: day(start + 12), stars: i % 13 === 0 ? 4 : 5 },
    };
  });
  return { format: 'jss-lab.scenario', version: 1, as_of: '2026-11-27', clients, contracts };
}
