import { useState } from 'react';
import { App, Button, Modal, Popconfirm, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { roleNeedsMfa, type AdminUser } from '@jiuye/shared';
import { ProblemAlert } from '../../app/form-errors';
import { SessionList } from '../account/account-security';
import { endUserSessions, listUserSessions, resetUserMfa, sessionKeys } from '../auth/security-api';
import { useSecurityT } from '../auth/security-messages';
import { adminKeys } from './api';

/** Issue 9: whether the account has its authenticator set up (roles that need one). */
export function MfaTag({ user }: { user: AdminUser }) {
  const st = useSecurityT();
  if (!roleNeedsMfa(user.role) || user.mfaEnrolled === undefined) return null;
  return user.mfaEnrolled ? (
    <Tag>{st('security.admin.mfaOn')}</Tag>
  ) : (
    <Tag>{st('security.admin.mfaOff')}</Tag>
  );
}

/** Row actions of the users table: the user's devices (end them all) and resetting the authenticator. */
export function UserSecurityActions({ user }: { user: AdminUser }) {
  const st = useSecurityT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const sessions = useQuery({
    queryKey: sessionKeys.ofUser(user.id),
    queryFn: () => listUserSessions(user.id),
    enabled: open,
  });
  const endAll = useMutation({
    mutationFn: () => endUserSessions(user.id),
    onSuccess: (count) => {
      void message.success(st('security.sessions.ended', { count }));
      void queryClient.invalidateQueries({ queryKey: sessionKeys.ofUser(user.id) });
    },
  });
  const reset = useMutation({
    mutationFn: () => resetUserMfa(user.id),
    onSuccess: () => {
      void message.success(st('security.admin.resetMfaDone'));
      void queryClient.invalidateQueries({ queryKey: adminKeys.allUsers });
    },
  });
  return (
    <>
      <Button type="link" onClick={() => setOpen(true)}>
        {st('security.admin.sessions')}
        <span className="sr-only"> {user.displayName}</span>
      </Button>
      {roleNeedsMfa(user.role) && user.mfaEnrolled && (
        <Popconfirm
          title={st('security.admin.resetMfaConfirm', { name: user.displayName })}
          onConfirm={() => reset.mutate()}
        >
          <Button type="link" danger>
            {st('security.admin.resetMfa')}
            <span className="sr-only"> {user.displayName}</span>
          </Button>
        </Popconfirm>
      )}
      <Modal
        open={open}
        title={st('security.admin.sessionsTitle', { name: user.displayName })}
        onCancel={() => setOpen(false)}
        footer={
          <Popconfirm
            title={st('security.admin.endAllConfirm', { name: user.displayName })}
            onConfirm={() => endAll.mutate()}
          >
            <Button danger disabled={(sessions.data ?? []).length === 0} loading={endAll.isPending}>
              {st('security.admin.endAll')}
            </Button>
          </Popconfirm>
        }
        destroyOnHidden
      >
        <ProblemAlert error={sessions.error ?? endAll.error ?? reset.error} />
        <SessionList sessions={sessions.data ?? []} />
      </Modal>
    </>
  );
}
