import { StrictMode, lazy, Suspense, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { currentSession, onSessionChange } from './api/session';
import { ApiError } from './api/client';
import { Layout } from './ui/Layout';
import './styles.css';

// Each area is a chunk of its own: a customer opening the status page never loads the back office.
const LoginPage = lazy(() => import('./staff/LoginPage'));
const OrdersPage = lazy(() => import('./staff/orders/OrdersPage'));
const OrderPage = lazy(() => import('./staff/orders/OrderPage'));
const InventoryPage = lazy(() => import('./staff/inventory/InventoryPage'));
const DashboardPage = lazy(() => import('./staff/dashboard/DashboardPage'));
const OperationsPage = lazy(() => import('./staff/operations/OperationsPage'));
const OrderStatusPage = lazy(() => import('./customer/OrderStatusPage'));
const AccountOrdersPage = lazy(() => import('./customer/AccountOrdersPage'));
const GraphqlExplorerPage = lazy(() => import('./developer/GraphqlExplorerPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // live updates invalidate what changed; a 4xx will not get better by asking again
      staleTime: 30_000,
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
    },
  },
});

function RequireStaff({ children }: { children: React.ReactNode }) {
  const session = useSyncExternalStore(onSessionChange, () => localStorage.getItem('oms.session'));
  const location = useLocation();
  if (!session || !currentSession()) return <Navigate to="/admin/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

function App() {
  return (
    <Suspense fallback={<p className="loading" role="status">Loading…</p>}>
      <Routes>
        <Route path="/admin/login" element={<LoginPage />} />
        <Route path="/admin" element={<RequireStaff><Layout /></RequireStaff>}>
          <Route index element={<Navigate to="/admin/orders" replace />} />
          <Route path="orders" element={<OrdersPage />} />
          <Route path="orders/:id" element={<OrderPage />} />
          <Route path="inventory" element={<InventoryPage />} />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="operations" element={<OperationsPage />} />
          <Route path="*" element={<p>There is no such page. <a href="/admin/orders">Go to the orders</a>.</p>} />
        </Route>
        <Route path="/orders/status" element={<OrderStatusPage />} />
        <Route path="/account/orders" element={<AccountOrdersPage />} />
        <Route path="/graphql" element={<GraphqlExplorerPage />} />
        <Route path="*" element={<Navigate to="/admin" replace />} />
      </Routes>
    </Suspense>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
