import { useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import antdZhCN from 'antd/locale/zh_CN';
import antdEnUS from 'antd/locale/en_US';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import { isApiError } from './api-client';
import { meQueryKey } from './use-me';
import { useElderlyMode } from './preferences';
import { themeFor } from './theme';

function createQueryClient(): QueryClient {
  // A 401 from any call means the session ended (expired, signed out elsewhere): forget the user so
  // the route guard sends them to the login page with `next` set.
  const onError = (error: unknown) => {
    if (isApiError(error) && error.status === 401) client.setQueryData(meQueryKey, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // Client errors will not fix themselves on retry; network and 5xx errors might.
        retry: (count, error) =>
          !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
  return client;
}

function AntdConfig({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation();
  const elderly = useElderlyMode();
  return (
    <ConfigProvider
      locale={instance.language === 'en-US' ? antdEnUS : antdZhCN}
      theme={themeFor(elderly)}
      // antd spaces out two-character Chinese labels ("登 录"); screen readers then spell them
      // letter by letter, and the accessible name no longer matches the word.
      button={{ autoInsertSpace: false }}
    >
      <AntApp component={false}>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <AntdConfig>{children}</AntdConfig>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
