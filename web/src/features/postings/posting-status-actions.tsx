import { App, Button, Popconfirm, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Posting } from '@jiuye/shared';
import { ProblemAlert } from '../../app/form-errors';
import { postingKeys, updatePosting } from './api';

type Move = { to: 'paused' | 'published' | 'closed' | 'pending_review'; label: string; confirm?: string };

/** Pause, resume, close or submit a posting, as the workflow allows from its status. */
export function PostingStatusActions({ posting }: { posting: Posting }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const move = useMutation({
    mutationFn: (to: Move['to']) => updatePosting(posting.id, { status: to, version: posting.version }),
    onSuccess: (saved) => {
      queryClient.setQueryData(postingKeys.one(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: postingKeys.all });
      void message.success(t('common.saved'));
    },
  });
  const moves: Move[] = [];
  if (posting.status === 'draft') moves.push({ to: 'pending_review', label: t('postings.actions.submit') });
  if (posting.status === 'published') moves.push({ to: 'paused', label: t('postings.actions.pause') });
  if (posting.status === 'paused') moves.push({ to: 'published', label: t('postings.actions.resume') });
  if (!['closed', 'expired'].includes(posting.status)) {
    moves.push({
      to: 'closed',
      label: t('postings.actions.close'),
      confirm: t('postings.actions.confirmClose', { title: posting.title }),
    });
  }
  if (moves.length === 0) return null;
  return (
    <>
      <ProblemAlert error={move.error} />
      <Space wrap>
        {moves.map((m) =>
          m.confirm ? (
            <Popconfirm
              key={m.to}
              title={m.confirm}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => move.mutate(m.to)}
            >
              <Button danger loading={move.isPending && move.variables === m.to}>
                {m.label}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              key={m.to}
              onClick={() => move.mutate(m.to)}
              loading={move.isPending && move.variables === m.to}
            >
              {m.label}
            </Button>
          ),
        )}
      </Space>
    </>
  );
}
