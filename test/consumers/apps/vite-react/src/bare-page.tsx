// React and react-query and nothing else: the baseline the other pages' sizes are told apart from.
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';

function Bare() {
  const { data } = useQuery({ queryKey: ['bare'], queryFn: () => 'bare' });
  return <p>{data}</p>;
}

createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={new QueryClient()}>
    <Bare />
  </QueryClientProvider>,
);
