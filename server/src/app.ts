import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { AppDeps } from './platform/context.js';
import { AppError, installErrorHandler, sendProblem } from './platform/errors.js';
import { installAuth } from './platform/auth/guard.js';
import { installIdempotency } from './platform/idempotency.js';
import { installOpenApi } from './platform/openapi.js';
import { installSecurityHeaders } from './platform/security-headers.js';
import { installWeb } from './platform/web.js';
import { loggerOptions } from './platform/logger.js';
import { healthModule } from './modules/health/index.js';
import { referenceModule } from './modules/reference/index.js';
import { accountsModule } from './modules/accounts/index.js';
import { enterprisesModule } from './modules/enterprises/index.js';
import { postingsModule } from './modules/postings/index.js';
import { searchModule } from './modules/search/index.js';
import { resumesModule } from './modules/resumes/index.js';
import { matchingModule } from './modules/matching/index.js';
import { applicationsModule } from './modules/applications/index.js';
import { alertsModule } from './modules/alerts/index.js';
import { busesModule } from './modules/buses/index.js';
import { policiesModule } from './modules/policies/index.js';
import { policyApplicationsModule } from './modules/policy-applications/index.js';
import { payoutsModule } from './modules/payouts/index.js';
import { entrepreneurshipModule } from './modules/entrepreneurship/index.js';
import { proactiveModule } from './modules/proactive/index.js';
import { personsModule } from './modules/persons/index.js';
import { registrationsModule } from './modules/registrations/index.js';
import { keyGroupsModule } from './modules/key-groups/index.js';
import { casesModule } from './modules/cases/index.js';
import { welfarePostsModule } from './modules/welfare-posts/index.js';
import { trainingModule } from './modules/training/index.js';
import { ecommerceModule } from './modules/ecommerce/index.js';
import { shortagesModule } from './modules/shortages/index.js';
import { sharingModule } from './modules/sharing/index.js';
import { collegesModule } from './modules/colleges/index.js';
import { keyEnterprisesModule } from './modules/key-enterprises/index.js';
import { partnerRegionsModule } from './modules/partner-regions/index.js';
import { jobFairsModule } from './modules/job-fairs/index.js';
import { agenciesModule } from './modules/agencies/index.js';
import { monitoringModule } from './modules/monitoring/index.js';
import { warningsModule } from './modules/warnings/index.js';
import { statisticsModule } from './modules/statistics/index.js';
import { feedsModule } from './modules/feeds/index.js';
import { privacyModule } from './modules/privacy/index.js';
import { auditModule } from './modules/audit/index.js';
import { VERSION } from './version.js';

export type BuildOptions = { logger?: FastifyServerOptions['logger'] };

/** The whole HTTP application, without listening: tests drive it with `app.inject`. */
export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(deps.config.LOG_LEVEL),
    trustProxy: deps.config.JIUYE_TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(incoming)
        ? incoming
        : randomUUID();
    },
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
    // Errors raised while routing (bad URL encoding, over-long path parameters) skip the error
    // handler: answer them as problem+json too.
    frameworkErrors: (_error, request, reply) => {
      void sendProblem(request, reply, 'malformed_request');
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-request-id', request.id);
    return payload;
  });

  installErrorHandler(app);
  // The cookie parser's onRequest hook must run before the auth hook reads the session cookie.
  await app.register(cookie);
  installAuth(app, deps);
  // helmet's headers, computed once (platform/security-headers.ts; issue 10).
  installSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd injects its CSS-in-JS at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: deps.config.JIUYE_TRUST_PROXY ? { maxAge: 31536000 } : false,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new AppError('rate_limited', { headers: { 'retry-after': String(Math.ceil(ctx.ttl / 1000)) } }),
  });
  installIdempotency(app, deps);
  await installOpenApi(app, VERSION);

  await app.register(healthModule(deps));
  await app.register(referenceModule(deps), { prefix: '/api/v1/reference' });
  await app.register(accountsModule(deps), { prefix: '/api/v1' });
  // Quick connecting channel (issue 3)
  await app.register(enterprisesModule(deps), { prefix: '/api/v1' });
  await app.register(postingsModule(deps), { prefix: '/api/v1' });
  await app.register(searchModule(deps), { prefix: '/api/v1' });
  await app.register(resumesModule(deps), { prefix: '/api/v1' });
  await app.register(matchingModule(deps), { prefix: '/api/v1' });
  await app.register(applicationsModule(deps), { prefix: '/api/v1' });
  await app.register(alertsModule(deps), { prefix: '/api/v1' });
  // Chartered buses (issue 4)
  await app.register(busesModule(deps), { prefix: '/api/v1' });
  // Support policies (issue 5)
  await app.register(policiesModule(deps), { prefix: '/api/v1' });
  await app.register(policyApplicationsModule(deps), { prefix: '/api/v1' });
  await app.register(payoutsModule(deps), { prefix: '/api/v1' });
  await app.register(entrepreneurshipModule(deps), { prefix: '/api/v1' });
  await app.register(proactiveModule(deps), { prefix: '/api/v1' });
  // Registration and assistance (issue 7); persons/ has no plugin of its own until then
  await app.register(personsModule(deps), { prefix: '/api/v1' });
  await app.register(registrationsModule(deps), { prefix: '/api/v1' });
  await app.register(keyGroupsModule(deps), { prefix: '/api/v1' });
  await app.register(casesModule(deps), { prefix: '/api/v1' });
  await app.register(welfarePostsModule(deps), { prefix: '/api/v1' });
  await app.register(trainingModule(deps), { prefix: '/api/v1' });
  await app.register(ecommerceModule(deps), { prefix: '/api/v1' });
  // Labour shortages and cross-regional recruitment (issue 6)
  await app.register(shortagesModule(deps), { prefix: '/api/v1' });
  await app.register(sharingModule(deps), { prefix: '/api/v1' });
  await app.register(collegesModule(deps), { prefix: '/api/v1' });
  await app.register(keyEnterprisesModule(deps), { prefix: '/api/v1' });
  await app.register(partnerRegionsModule(deps), { prefix: '/api/v1' });
  await app.register(jobFairsModule(deps), { prefix: '/api/v1' });
  await app.register(agenciesModule(deps), { prefix: '/api/v1' });
  // Monitoring, statistics, early warning, open data (issue 8)
  await app.register(monitoringModule(deps), { prefix: '/api/v1' });
  await app.register(warningsModule(deps), { prefix: '/api/v1' });
  await app.register(statisticsModule(deps), { prefix: '/api/v1' });
  await app.register(feedsModule(deps), { prefix: '/api/v1' });
  // Security and privacy (issue 9)
  await app.register(privacyModule(deps), { prefix: '/api/v1' });
  await app.register(auditModule(deps), { prefix: '/api/v1' });

  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, () => app.swagger());
  await installWeb(app, deps.config.webDist);
  return app;
}
