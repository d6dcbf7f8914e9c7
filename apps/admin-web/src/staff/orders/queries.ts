import { useQuery } from '@tanstack/react-query';
import type { OrderStatusCatalogueView, OrderView } from '@contracts/orders/order.view';
import type { OrderStatsView, OrderSummaryView } from '@contracts/orders/order-queries.dto';
import type { Page } from '@contracts/common/page';
import type { ShipmentView } from '@contracts/orders/shipment.dto';
import { api, Query } from '../../api/client';

/** The configured statuses change only with a deployment. */
export const useStatuses = () =>
  useQuery({ queryKey: ['statuses'], queryFn: () => api<OrderStatusCatalogueView>('/api/order-statuses'), staleTime: Infinity });

export const useOrders = (query: Query) =>
  useQuery({ queryKey: ['orders', query], queryFn: () => api<Page<OrderSummaryView> & { total?: number }>('/api/orders', { query }), placeholderData: (previous) => previous });

export const useStats = () => useQuery({ queryKey: ['stats'], queryFn: () => api<OrderStatsView>('/api/orders/stats') });

export const useOrder = (id: string) => useQuery({ queryKey: ['order', id], queryFn: () => api<OrderView>(`/api/orders/${encodeURIComponent(id)}`) });

export const useShipments = (id: string) =>
  useQuery({ queryKey: ['shipments', id], queryFn: () => api<{ items: ShipmentView[] }>(`/api/orders/${encodeURIComponent(id)}/shipments`) });
