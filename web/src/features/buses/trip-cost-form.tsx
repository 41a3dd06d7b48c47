import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { COST_PAYERS, type BusTrip, type CostPayer, type TripCostInput } from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import { applyProblemToForm, ProblemAlert, requiredRule } from '../../app/form-errors';
import { fenToYuan, formatYuan, yuanToFen } from '../../app/money';
import { useLocale } from '../../i18n';
import { useDebouncedValue } from '../../app/use-debounced';
import { listEnterprises } from '../enterprises/api';
import { busKeys, updateBusTrip } from './api';
import { useBusLabels } from './labels';

type ShareValue = { payerKind?: 'bureau' | 'enterprise'; enterpriseId?: string; amountYuan?: number };
type CostValues = { costYuan?: number; payer?: CostPayer; shares?: ShareValue[]; invoiceRef?: string };

/** An enterprise by name among those the officer oversees (staff lists are scoped server-side). */
function EnterprisePicker({
  id,
  value,
  onChange,
  initialName,
  label,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  initialName?: string | null;
  label: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const found = useQuery({
    queryKey: ['enterprises', 'list', { q, pageSize: 20, status: 'verified' }],
    queryFn: () => listEnterprises({ page: 1, pageSize: 20, q: q || undefined, status: 'verified' }),
    placeholderData: keepPreviousData,
  });
  const options = (found.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }));
  if (value && initialName && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: initialName });
  }
  return (
    <Select<string>
      id={id}
      aria-label={label}
      value={value}
      onChange={onChange}
      placeholder={t('buses.trip.searchEnterprise')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      options={options}
      style={{ minWidth: 240 }}
    />
  );
}

/**
 * What the bus cost and who pays, recorded on the trip for the support-policy payouts (issue 5).
 * Amounts are typed in yuan and sent in fen; the shares must add up to the cost (checked by the
 * shared schema on the server).
 */
export function TripCostForm({ trip }: { trip: BusTrip }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useBusLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CostValues>();
  const payer = Form.useWatch('payer', form);
  const cost = trip.cost;
  const names = new Map((cost?.shares ?? []).map((s) => [s.enterpriseId ?? '', s.enterpriseName]));

  const save = useMutation({
    mutationFn: (body: TripCostInput) => updateBusTrip(trip.id, { cost: body, version: trip.version }),
    onSuccess: (updated) => {
      queryClient.setQueryData(busKeys.trip(trip.id), updated);
      void message.success(t('buses.trip.costSaved'));
    },
    onError: (error) => {
      if (isApiError(error)) {
        applyProblemToForm(
          form,
          {
            ...error.problem,
            errors: error.problem.errors?.map((e) => ({ ...e, path: e.path.replace(/^cost\./, '') })),
          },
          ['costFen', 'payer', 'shares', 'invoiceRef'],
          ['shares'],
        );
      }
    },
  });

  return (
    <Form<CostValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={{
        costYuan: cost ? fenToYuan(cost.costFen) : undefined,
        payer: cost?.payer ?? 'bureau',
        shares: (cost?.shares ?? []).map((s) => ({
          payerKind: s.payerKind,
          enterpriseId: s.enterpriseId ?? undefined,
          amountYuan: fenToYuan(s.amountFen),
        })),
        invoiceRef: cost?.invoiceRef ?? undefined,
      }}
      onFinish={(v) =>
        save.mutate({
          costFen: yuanToFen(v.costYuan ?? 0),
          payer: v.payer ?? 'bureau',
          shares: (v.shares ?? []).map((s) => ({
            payerKind: s.payerKind ?? 'enterprise',
            enterpriseId: s.payerKind === 'enterprise' ? (s.enterpriseId ?? null) : null,
            amountFen: yuanToFen(s.amountYuan ?? 0),
          })),
          invoiceRef: v.invoiceRef?.trim() || null,
        })
      }
    >
      {!cost && <p>{t('buses.trip.costNone')}</p>}
      {cost && (
        <p>
          {t('buses.trip.costAmount', { amount: formatYuan(cost.costFen, locale) })} ·{' '}
          {labels.payer(cost.payer)}
        </p>
      )}
      <ProblemAlert error={save.error} fieldNames={['cost', 'version']} />
      <div className="form-grid">
        <Form.Item name="costYuan" label={t('buses.trip.cost')} rules={[requiredRule(locale)]}>
          <InputNumber<number> min={0} max={100_000_000} precision={2} />
        </Form.Item>
        <Form.Item name="payer" label={t('buses.trip.payer')} rules={[requiredRule(locale)]}>
          <Radio.Group
            aria-label={t('buses.trip.payer')}
            options={COST_PAYERS.map((p) => ({ value: p, label: labels.payer(p) }))}
          />
        </Form.Item>
      </div>
      {payer !== 'bureau' && (
        <fieldset className="fieldset">
          <legend>{t('buses.trip.shares')}</legend>
          <p className="field-help">{t('buses.trip.sharesHelp')}</p>
          <Form.List name="shares">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Space key={field.key} wrap align="start">
                    <Form.Item
                      name={[field.name, 'payerKind']}
                      label={t('buses.trip.shareKind', { n: i + 1 })}
                      initialValue="enterprise"
                    >
                      <Radio.Group
                        aria-label={t('buses.trip.shareKind', { n: i + 1 })}
                        options={(['enterprise', 'bureau'] as const).map((k) => ({
                          value: k,
                          label: t(`buses.labels.payerKind.${k}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() =>
                        form.getFieldValue(['shares', field.name, 'payerKind']) !== 'bureau' && (
                          <Form.Item
                            name={[field.name, 'enterpriseId']}
                            label={t('buses.trip.shareEnterprise')}
                            rules={[requiredRule(locale)]}
                          >
                            <EnterprisePicker
                              label={`${t('buses.trip.shareKind', { n: i + 1 })} ${t('buses.trip.shareEnterprise')}`}
                              initialName={names.get(
                                (form.getFieldValue(['shares', field.name, 'enterpriseId']) as
                                  string | undefined) ?? '',
                              )}
                            />
                          </Form.Item>
                        )
                      }
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'amountYuan']}
                      label={t('buses.trip.shareAmount')}
                      rules={[requiredRule(locale)]}
                    >
                      <InputNumber<number> min={0} max={100_000_000} precision={2} />
                    </Form.Item>
                    <Form.Item label={<span aria-hidden>&nbsp;</span>}>
                      <Button
                        icon={<MinusCircleOutlined aria-hidden />}
                        onClick={() => remove(field.name)}
                        aria-label={t('buses.trip.removeShare', { n: i + 1 })}
                      />
                    </Form.Item>
                  </Space>
                ))}
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => add({ payerKind: 'enterprise' })}
                  style={{ marginBottom: 16 }}
                >
                  {t('buses.trip.addShare')}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
      )}
      <Form.Item name="invoiceRef" label={t('buses.trip.invoiceRef')}>
        <Input maxLength={100} />
      </Form.Item>
      <Button htmlType="submit" type="primary" loading={save.isPending}>
        {t('buses.trip.saveCost')}
      </Button>
    </Form>
  );
}
