#!/usr/bin/env node
// Drives the Salesforce emulator with jsforce, a Salesforce client library written independently of
// the emulator and of camel-salesforce, to show that an ordinary client works against it unchanged.
//
//   node check.mjs [baseUrl] [--username U] [--password P] [--client-id ID] [--client-secret S]
//                  [--api-version NN.0] [--paging-records N] [--fresh-org] [--no-drills]
//
// baseUrl defaults to http://localhost:8090 (the sandbox); the credentials default to the sandbox's
// (integration@sandbox.example / sandbox, connected app sandbox-client / sandbox-secret).
// --paging-records N: how many Tasks the paging step makes (default 12). When the org returns them
//              in one batch (the sandbox's batch size is Salesforce's 2,000), the step makes 201 and
//              asks for batches of 200 with Sforce-Query-Options, as a client of Salesforce can.
// --fresh-org: the org has had no Task change events before this run, so replay -2 must return
//              exactly the events this run produced.
// --no-drills: skip the steps that use the emulator's admin API (/sandbox/admin) to drop the
//              streaming clients and expire every session.
//
// jsforce is pinned at 3.10.16, the last 3.x release that runs on Node.js 18 and 20 (later ones
// declare node >= 22). Its streaming API is the Faye Bayeux client with jsforce's Replay and
// AuthFailure extensions, used here as jsforce's documentation shows.
//
// Each step prints one line. The first mismatch prints what was expected and what came, and the
// script exits 1; a crash exits 2.

import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';

const require = createRequire(import.meta.url);
const jsforce = require('jsforce');
// As jsforce documents its Faye extensions (README of api/streaming).
const { StreamingExtension } = require('jsforce/api/streaming');

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const options = {
    baseUrl: 'http://localhost:8090',
    username: 'integration@sandbox.example',
    password: 'sandbox',
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-secret',
    apiVersion: undefined, // jsforce's own default
    pagingRecords: 12,
    freshOrg: false,
    drills: true,
  };
  const valued = {
    '--username': 'username', '--password': 'password', '--client-id': 'clientId',
    '--client-secret': 'clientSecret', '--api-version': 'apiVersion', '--paging-records': 'pagingRecords',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (valued[arg]) {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      options[valued[arg]] = argv[++i];
    } else if (arg === '--fresh-org') {
      options.freshOrg = true;
    } else if (arg === '--no-drills') {
      options.drills = false;
    } else if (arg === '-h' || arg === '--help') {
      usage();
    } else if (!arg.startsWith('--')) {
      options.baseUrl = arg.replace(/\/+$/, '');
    } else {
      usage(`unknown option ${arg}`);
    }
  }
  options.pagingRecords = Number(options.pagingRecords);
  if (!Number.isInteger(options.pagingRecords) || options.pagingRecords < 2 || options.pagingRecords > 400) {
    usage('--paging-records must be 2..400');
  }
  return options;
}

function usage(problem) {
  if (problem) console.error(problem);
  console.error('usage: node check.mjs [baseUrl] [--username U] [--password P] [--client-id ID] '
    + '[--client-secret S] [--api-version NN.0] [--paging-records N] [--fresh-org] [--no-drills]');
  process.exit(problem ? 2 : 0);
}

const opts = parseArgs(process.argv.slice(2));

// ---------------------------------------------------------------------------------------------
// Reporting

class Mismatch extends Error {}

let stepCount = 0;
let current = 'start';
/** Names the step under way, for the message when a call in it throws. */
function begin(step) {
  current = step;
}

function ok(step, detail) {
  stepCount++;
  console.log(`ok   ${String(stepCount).padStart(2)} ${step}${detail ? ': ' + detail : ''}`);
}

function show(value) {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 600 ? text.slice(0, 600) + '…' : text;
  } catch {
    return String(value);
  }
}

function fail(what, expected, actual) {
  throw new Mismatch(`${what}\n       expected: ${expected}\n       got:      ${show(actual)}`);
}

/** JSON with object keys sorted, so that equal values compare equal whatever their key order. */
function canonical(value) {
  return JSON.stringify(value, (key, v) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

function expectEqual(what, actual, expected) {
  if (canonical(actual) !== canonical(expected)) fail(what, show(expected), actual);
}

function expectTrue(what, condition, expected, actual) {
  if (!condition) fail(what, expected, actual);
}

const SF_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;
const SF_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;

function expectId(what, id, prefix) {
  expectTrue(what, typeof id === 'string' && ID_18.test(id) && id.startsWith(prefix),
    `an 18-character id starting with ${prefix}`, id);
}

async function expectRejects(what, promise, errorCode) {
  try {
    const value = await promise;
    fail(what, `an error ${errorCode}`, value);
  } catch (e) {
    if (e instanceof Mismatch) throw e;
    expectEqual(`${what} (errorCode)`, e.errorCode ?? e.name, errorCode);
    return e;
  }
}

async function waitFor(what, predicate, describe, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (predicate()) return;
    await sleep(50);
  }
  fail(`${what} (waited ${timeoutMs / 1000} s)`, describe(), 'not within the time');
}

// ---------------------------------------------------------------------------------------------
// Helpers

const runTag = `jsforce-check-${Date.now().toString(36)}`;
const CHANNEL = '/data/TaskChangeEvent';
const openClients = [];
let jsforceConnection; // the OAuth connection that the helpers write through

async function admin(method, path, body) {
  const response = await fetch(`${opts.baseUrl}/sandbox/admin${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status !== 200) {
    fail(`admin ${method} ${path}`, 'HTTP 200', `${response.status} ${await response.text()}`);
  }
  return response.json();
}

const CLIENT_NAME = 'jsforce-check';

function oauthConnection() {
  return new jsforce.Connection({
    oauth2: { loginUrl: opts.baseUrl, clientId: opts.clientId, clientSecret: opts.clientSecret },
    callOptions: { client: CLIENT_NAME }, // sent as Sforce-Call-Options: client=jsforce-check
    ...(opts.apiVersion ? { version: opts.apiVersion } : {}),
  });
}

/** A Faye client from jsforce, collecting every message of the channel in arrival order. */
function streamingClient(conn, replayId, onAuthFailure) {
  const received = [];
  const extensions = [];
  if (onAuthFailure) extensions.push(new StreamingExtension.AuthFailure(onAuthFailure));
  const replay = new StreamingExtension.Replay(CHANNEL, replayId);
  extensions.push(replay);
  const client = conn.streaming.createClient(extensions);
  openClients.push(client);
  const subscription = client.subscribe(CHANNEL, (message) => received.push(message));
  const subscribed = new Promise((resolve, reject) => {
    subscription.then(resolve, (error) => reject(error));
  });
  subscribed.catch(() => {}); // a client nobody waits on must not end the process with an unhandled rejection
  return { client, subscription, subscribed, received, replay };
}

function expectUniqueAndIncreasing(what, messages) {
  const ids = messages.map(replayIdOf);
  expectTrue(what, ids.every((id, i) => Number.isInteger(id) && (i === 0 || id > ids[i - 1])),
    'integer replay ids, each greater than the one before (nothing repeated)', ids);
}

function header(message) {
  return message?.payload?.ChangeEventHeader ?? {};
}

function replayIdOf(message) {
  return message?.event?.replayId;
}

function eventsFor(messages, recordId) {
  return messages.filter((m) => (header(m).recordIds ?? []).includes(recordId));
}

function summary(messages) {
  return messages.map((m) => `${replayIdOf(m)}:${header(m).changeType}`).join(' ');
}

/** Creates Tasks through sObject Collections (POST composite/sobjects, 200 a call) and returns their ids. */
async function createTasks(records) {
  const results = await jsforceConnection.sobject('Task').create(records, { allOrNone: true, allowRecursive: true });
  const failed = results.filter((r) => !r.success);
  if (failed.length > 0) fail('collections create', 'every record created', failed);
  return results.map((r) => r.id);
}

function task(subject, extra = {}) {
  return { Subject: subject, Status: 'Not Started', Priority: 'Normal', ...extra };
}

// ---------------------------------------------------------------------------------------------
// The walk

async function main() {
  console.log(`jsforce ${jsforce.VERSION} against ${opts.baseUrl} (run ${runTag})`);

  // --- SOAP login: what jsforce does by default, with no connected app ---
  begin('SOAP login: what jsforce does by default, with no connected app');
  const soap = new jsforce.Connection({
    loginUrl: opts.baseUrl,
    logLevel: 'FATAL', // jsforce warns that the SOAP login() is deprecated
    ...(opts.apiVersion ? { version: opts.apiVersion } : {}),
  });
  const soapUser = await soap.login(opts.username, opts.password);
  expectEqual('SOAP login: instance URL', soap.instanceUrl, opts.baseUrl);
  expectId('SOAP login: user id', soapUser.id, '005');
  expectId('SOAP login: organization id', soapUser.organizationId, '00D');
  const soapIdentity = await soap.identity();
  expectEqual('SOAP login: identity username', soapIdentity.username, opts.username);
  const soapToken = soap.accessToken;
  await soap.logout();
  const afterLogout = new jsforce.Connection({ instanceUrl: opts.baseUrl, accessToken: soapToken,
    version: soap.version });
  await expectRejects('REST call with a session ended by the SOAP logout', afterLogout.limits(), 'INVALID_SESSION_ID');
  ok('SOAP login (/services/Soap/u), identity, SOAP logout',
    `user ${soapUser.id} org ${soapUser.organizationId}, API ${soap.version}; the logged-out session is refused`);

  // --- OAuth 2.0 username-password flow ---
  begin('OAuth 2.0 username-password flow');
  const conn = oauthConnection();
  jsforceConnection = conn;
  const user = await conn.login(opts.username, opts.password);
  expectEqual('OAuth login: instance URL', conn.instanceUrl, opts.baseUrl);
  expectId('OAuth login: user id', user.id, '005');
  expectId('OAuth login: organization id', user.organizationId, '00D');
  expectTrue('OAuth login: identity URL', user.url === `${opts.baseUrl}/id/${user.organizationId}/${user.id}`,
    `${opts.baseUrl}/id/<org>/<user>`, user.url);
  const identity = await conn.identity();
  expectEqual('OAuth login: identity user_id', identity.user_id, user.id);
  expectEqual('OAuth login: identity organization_id', identity.organization_id, user.organizationId);
  await expectRejects('OAuth login with a wrong password',
    oauthConnection().login(opts.username, opts.password + '-wrong'), 'invalid_grant');
  ok('OAuth 2.0 username-password login, identity', `user ${identity.username}, a wrong password is invalid_grant`);

  // --- Streaming: subscribe first, so every write below is seen live ---
  begin('Streaming: subscribe first, so every write below is seen live');
  let authFailures = [];
  let live = streamingClient(conn, -1, (message) => authFailures.push(message));
  const handshakeReplay = new Promise((resolve) => {
    live.client.addExtension({
      incoming(message, callback) {
        if (message.channel === '/meta/handshake') resolve(message);
        callback(message);
      },
    });
  });
  await live.subscribed;
  const handshake = await handshakeReplay;
  expectEqual('handshake: ext.replay', handshake.ext?.replay, true);
  ok(`subscribe ${CHANNEL} (Faye long polling, jsforce Replay extension at -1)`,
    `client ${handshake.clientId}, server answers ext.replay=true`);

  // --- CRUD on Task ---
  begin('CRUD on Task');
  const Task = conn.sobject('Task');
  const activityDate = new Date(Date.now() + 7 * 86400000).toISOString().slice(0, 10);
  const created = await Task.create(task(`${runTag} crud`, { ActivityDate: activityDate, Description: 'first' }));
  expectEqual('create: success', created.success, true);
  expectId('create: id', created.id, '00T');
  expectEqual('create: errors', created.errors, []);
  const taskId = created.id;
  ok('create Task', taskId);

  const read = await Task.retrieve(taskId);
  expectEqual('retrieve: Id', read.Id, taskId);
  expectEqual('retrieve: Subject', read.Subject, `${runTag} crud`);
  expectEqual('retrieve: Status', read.Status, 'Not Started');
  expectEqual('retrieve: ActivityDate', read.ActivityDate, activityDate);
  expectEqual('retrieve: attributes', read.attributes,
    { type: 'Task', url: `/services/data/v${conn.version}/sobjects/Task/${taskId}` });
  expectTrue('retrieve: CreatedDate', SF_DATETIME.test(read.CreatedDate), 'yyyy-MM-ddTHH:mm:ss.SSS+0000',
    read.CreatedDate);
  expectTrue('retrieve: ActivityDate format', SF_DATE.test(read.ActivityDate), 'yyyy-MM-dd', read.ActivityDate);
  expectEqual('retrieve: IsClosed', read.IsClosed, false);
  expectEqual('retrieve: IsDeleted', read.IsDeleted, false);
  expectEqual('retrieve: OwnerId', read.OwnerId, user.id);
  const someFields = await Task.retrieve(taskId, { fields: ['Subject', 'Priority'] });
  expectEqual('retrieve with fields: keys', Object.keys(someFields).sort(), ['Id', 'Priority', 'Subject', 'attributes']);
  ok('read Task (all fields, then ?fields=Subject,Priority)', `CreatedDate ${read.CreatedDate}`);

  const updated = await Task.update({ Id: taskId, Status: 'Completed', Description: null });
  expectEqual('update: result', updated, { id: taskId, success: true, errors: [] });
  const reread = await Task.retrieve(taskId, { fields: ['Status', 'IsClosed', 'Description', 'LastModifiedDate'] });
  expectEqual('update: Status', reread.Status, 'Completed');
  expectEqual('update: IsClosed', reread.IsClosed, true);
  expectEqual('update: Description nulled', reread.Description, null);
  ok('update Task (Status Completed, Description null)', `IsClosed ${reread.IsClosed}`);

  const badStatus = await expectRejects('update with a Status outside the picklist',
    Task.update({ Id: taskId, Status: 'Done-ish' }), 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  expectEqual('bad picklist: fields', badStatus.fields ?? badStatus.data?.fields, ['Status']);
  await expectRejects('create with an unknown field', Task.create(task(`${runTag} bad`, { NoSuchField__c: 1 })),
    'INVALID_FIELD');
  ok('validation errors come back as jsforce errors', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, INVALID_FIELD');

  const destroyed = await Task.destroy(taskId);
  expectEqual('destroy: result', destroyed, { id: taskId, success: true, errors: [] });
  await expectRejects('retrieve after delete', Task.retrieve(taskId), 'ENTITY_IS_DELETED');
  ok('delete Task', 'a read afterwards is ENTITY_IS_DELETED');

  // --- Change events for the CRUD ---
  begin('Change events for the CRUD');
  await waitFor('change events for the CRUD task', () => eventsFor(live.received, taskId).length >= 3,
    () => `CREATE, UPDATE and DELETE for ${taskId}; got ${summary(eventsFor(live.received, taskId))}`);
  const crudEvents = eventsFor(live.received, taskId);
  expectEqual('change types', crudEvents.map((m) => header(m).changeType), ['CREATE', 'UPDATE', 'DELETE']);
  const [createEvent, updateEvent, deleteEvent] = crudEvents;
  for (const event of crudEvents) {
    expectEqual('event: entityName', header(event).entityName, 'Task');
    expectEqual('event: recordIds', header(event).recordIds, [taskId]);
    expectEqual('event: commitUser', header(event).commitUser, user.id);
    expectEqual('event: changeOrigin', header(event).changeOrigin,
      `com/salesforce/api/rest/${conn.version};client=${CLIENT_NAME}`);
    expectTrue('event: replayId', Number.isInteger(replayIdOf(event)), 'an integer replayId', event.event);
    expectTrue('event: schema', typeof event.schema === 'string' && event.schema.length > 0, 'a schema id',
      event.schema);
    expectTrue('event: commitTimestamp', Number.isInteger(header(event).commitTimestamp), 'epoch millis',
      header(event).commitTimestamp);
  }
  const replayIds = crudEvents.map(replayIdOf);
  expectTrue('replay ids increase', replayIds[0] < replayIds[1] && replayIds[1] < replayIds[2], 'increasing',
    replayIds);
  expectEqual('CREATE: Subject', createEvent.payload.Subject, `${runTag} crud`);
  expectEqual('CREATE: ActivityDate', createEvent.payload.ActivityDate, activityDate);
  expectTrue('CREATE: no IsDeleted', !('IsDeleted' in createEvent.payload), 'no IsDeleted in the body',
    Object.keys(createEvent.payload));
  const changed = [...header(updateEvent).changedFields].sort();
  expectTrue('UPDATE: changedFields', ['Description', 'LastModifiedDate', 'Status'].every((f) => changed.includes(f)),
    'Status, Description and LastModifiedDate among them', changed);
  // Over CometD a field set to null is in the body as null (nulledFields is for Pub/Sub API clients).
  expectTrue('UPDATE: Description nulled in the body', 'Description' in updateEvent.payload
    && updateEvent.payload.Description === null, 'Description: null', updateEvent.payload);
  expectEqual('UPDATE: Status', updateEvent.payload.Status, 'Completed');
  expectTrue('UPDATE: no Subject', !('Subject' in updateEvent.payload), 'only changed fields',
    Object.keys(updateEvent.payload));
  expectEqual('DELETE: body', Object.keys(deleteEvent.payload), ['ChangeEventHeader']);
  ok('change events CREATE, UPDATE, DELETE received live', summary(crudEvents));

  // --- PushTopic through jsforce's classic topic API (no extensions) ---
  begin('PushTopic through jsforce\'s classic topic API (no extensions)');
  const topicName = `JsfCheck${Date.now().toString(36)}`;
  const pushTopic = await conn.sobject('PushTopic').create({
    Name: topicName, Query: 'SELECT Id, Subject, Status FROM Task', ApiVersion: Number(conn.version),
    NotifyForFields: 'Referenced', NotifyForOperationCreate: true, NotifyForOperationUpdate: true,
    NotifyForOperationDelete: true, NotifyForOperationUndelete: true,
  });
  expectId('PushTopic create', pushTopic.id, '0IF');
  const topicMessages = [];
  const topicSubscription = conn.streaming.topic(topicName).subscribe((message) => topicMessages.push(message));
  await new Promise((resolve, reject) => topicSubscription.then(resolve, reject));
  const topicTask = await Task.create(task(`${runTag} topic`));
  await Task.update({ Id: topicTask.id, Description: 'not a field of the topic query' });
  await Task.update({ Id: topicTask.id, Status: 'In Progress' });
  await Task.destroy(topicTask.id);
  const forTopicTask = () => topicMessages.filter((m) => m.sobject?.Id === topicTask.id);
  await waitFor(`/topic/${topicName} events`, () => forTopicTask().length >= 3,
    () => `created, updated, deleted for ${topicTask.id}; got ${show(forTopicTask())}`);
  await sleep(300);
  expectEqual('PushTopic: event types (the Description change is not Referenced)',
    forTopicTask().map((m) => m.event.type), ['created', 'updated', 'deleted']);
  expectEqual('PushTopic: created sobject', forTopicTask()[0].sobject,
    { Id: topicTask.id, Subject: `${runTag} topic`, Status: 'Not Started' });
  expectEqual('PushTopic: updated Status', forTopicTask()[1].sobject.Status, 'In Progress');
  expectTrue('PushTopic: createdDate and replayId', forTopicTask().every((m) => Number.isInteger(m.event.replayId)
    && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(m.event.createdDate)),
  'an integer replayId and a createdDate like 2016-03-29T16:40:08.208Z', forTopicTask().map((m) => m.event));
  topicSubscription.cancel();
  await conn.sobject('PushTopic').destroy(pushTopic.id);
  ok(`PushTopic /topic/${topicName} with conn.streaming.topic()`,
    forTopicTask().map((m) => `${m.event.replayId}:${m.event.type}`).join(' '));

  // --- Query paging ---
  begin('Query paging');
  const pagingTag = `${runTag} page`;
  const subjectOf = (i) => `${pagingTag} ${String(i).padStart(3, '0')}`;
  const pageIds = (await createTasks(Array.from({ length: opts.pagingRecords }, (_, i) => task(subjectOf(i)))));
  const soql = `SELECT Id, Subject FROM Task WHERE Subject LIKE '${pagingTag}%' ORDER BY Subject`;
  let queryOptions = {};
  let first = await conn.query(soql);
  let batchNote = 'the org\'s batch size';
  if (first.done) {
    // The org answers more than N records a batch (Salesforce: 2,000). Ask, as a client can, for the
    // smallest batch Salesforce allows (Sforce-Query-Options: batchSize=200) and make 201 records.
    pageIds.push(...await createTasks(Array.from({ length: 201 - pageIds.length },
      (_, i) => task(subjectOf(pageIds.length + i)))));
    queryOptions = { headers: { 'Sforce-Query-Options': 'batchSize=200' } };
    batchNote = 'Sforce-Query-Options: batchSize=200';
    first = await conn.query(soql, queryOptions);
  }
  const pagingCount = pageIds.length;
  const expectedSubjects = pageIds.map((_, i) => subjectOf(i));
  expectEqual('query: totalSize', first.totalSize, pagingCount);
  expectTrue('query: more than one batch', first.done === false && typeof first.nextRecordsUrl === 'string',
    'done=false and a nextRecordsUrl', { done: first.done, batch: first.records.length });
  // jsforce hands back its own absolute URL; the wire carries a path, as Salesforce sends it.
  const raw = await conn.request({ method: 'GET', url: `/query/?q=${encodeURIComponent(soql)}`,
    headers: queryOptions.headers });
  expectTrue('query: nextRecordsUrl on the wire', /^\/services\/data\/v\d+\.0\/query\/01g\w{15}-\d+$/
    .test(raw.nextRecordsUrl), `/services/data/v${conn.version}/query/01g...-N`, raw.nextRecordsUrl);
  const pages = [first.records.length];
  const subjects = first.records.map((r) => r.Subject);
  let next = first;
  while (!next.done) {
    next = await conn.queryMore(next.nextRecordsUrl, queryOptions);
    expectEqual('queryMore: totalSize', next.totalSize, pagingCount);
    pages.push(next.records.length);
    subjects.push(...next.records.map((r) => r.Subject));
    if (pages.length > pagingCount) fail('queryMore', 'done=true eventually', next);
  }
  expectEqual('query + queryMore: subjects in order', subjects, expectedSubjects);
  const fetched = await Task.find({ Subject: { $like: `${pagingTag}%` } }, ['Id', 'Subject'])
    .sort({ Subject: 1 }).execute({ autoFetch: true, maxFetch: 1000, ...queryOptions });
  expectEqual('autoFetch: subjects', fetched.map((r) => r.Subject), expectedSubjects);
  const count = await Task.count({ Subject: { $like: `${pagingTag}%` } });
  expectEqual('count()', count, pagingCount);
  ok('query pages through nextRecordsUrl (queryMore and autoFetch)', `${pagingCount} records in batches `
    + `${pages.join('+')} (${batchNote}); SELECT COUNT() agrees`);

  // --- sObject Collections: retrieve, update, delete (create was above) ---
  begin('sObject Collections: retrieve, update, delete (create was above)');
  const retrievedMany = await Task.retrieve(pageIds.slice(0, 3));
  expectEqual('collections retrieve: ids', retrievedMany.map((r) => r.Id), pageIds.slice(0, 3));
  const updatedMany = await Task.update(pageIds.map((Id) => ({ Id, Priority: 'High' })),
    { allOrNone: true, allowRecursive: true });
  expectEqual('collections update: all succeeded', updatedMany.filter((r) => !r.success), []);
  const high = await conn.query(`SELECT COUNT() FROM Task WHERE Subject LIKE '${pagingTag}%' AND Priority = 'High'`);
  expectEqual('collections update: records now High', high.totalSize, pagingCount);
  const partial = await Task.update([{ Id: pageIds[0], Status: 'In Progress' }, { Id: pageIds[1], Status: 'Nope' }],
    { allOrNone: false });
  expectEqual('collections update allOrNone=false: successes', partial.map((r) => r.success), [true, false]);
  expectEqual('collections update allOrNone=false: error', partial[1].errors?.[0]?.statusCode,
    'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  const rolledBack = await Task.update([{ Id: pageIds[2], Status: 'In Progress' }, { Id: pageIds[3], Status: 'Nope' }],
    { allOrNone: true }).catch((e) => e);
  const stillNotStarted = await Task.retrieve(pageIds[2], { fields: ['Status'] });
  expectEqual('collections update allOrNone=true: first record rolled back', stillNotStarted.Status, 'Not Started');
  expectEqual('collections update allOrNone=true: every record fails, the valid one as rolled back',
    Array.isArray(rolledBack) ? rolledBack.map((r) => [r.success, r.errors?.[0]?.statusCode]) : rolledBack,
    [[false, 'ALL_OR_NONE_OPERATION_ROLLED_BACK'], [false, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST']]);
  const deletedMany = await Task.destroy(pageIds, { allOrNone: true, allowRecursive: true });
  expectEqual('collections delete: all succeeded', deletedMany.filter((r) => !r.success), []);
  ok('sObject Collections retrieve, update (allOrNone true/false), delete', `${pageIds.length} Tasks`);

  // --- Upsert by an external-id field (single and through sObject Collections) ---
  begin('Upsert by an external-id field');
  const taskDescribe = await Task.describe();
  const externalId = taskDescribe.fields.find((f) => f.externalId && f.custom)?.name;
  if (!externalId) {
    console.log('--      upsert skipped: Task has no custom external-id field in this org');
  } else {
    const key = `${runTag}-upsert`;
    const inserted = await Task.upsert({ [externalId]: key, ...task(`${runTag} upsert`) }, externalId);
    expectEqual('upsert of a new key: created', { success: inserted.success, created: inserted.created },
      { success: true, created: true });
    expectId('upsert of a new key: id', inserted.id, '00T');
    const again = await Task.upsert({ [externalId]: key, Subject: `${runTag} upsert again` }, externalId);
    expectEqual('upsert of the same key: the same record, updated', { id: again.id, created: again.created },
      { id: inserted.id, created: false });
    const many = await Task.upsert([
      { [externalId]: key, Priority: 'High' },
      { [externalId]: `${key}-2`, ...task(`${runTag} upsert 2`) },
    ], externalId, { allOrNone: true });
    expectEqual('collections upsert: created flags', many.map((r) => [r.success, r.created]),
      [[true, false], [true, true]]);
    expectEqual('collections upsert: the first is the same record', many[0].id, inserted.id);
    const upserted = await Task.retrieve(inserted.id, { fields: ['Subject', 'Priority', externalId] });
    expectEqual('upsert: record', [upserted.Subject, upserted.Priority, upserted[externalId]],
      [`${runTag} upsert again`, 'High', key]);
    await Task.destroy([inserted.id, many[1].id], { allOrNone: true });
    ok(`upsert by ${externalId} (PATCH sobjects/Task/${externalId}/key, then composite/sobjects)`,
      `201 created, then created=false for the same key`);
  }

  // --- queryAll sees the deleted rows ---
  begin('queryAll sees the deleted rows');
  const queryDeleted = `SELECT Id, IsDeleted, Subject FROM Task WHERE Id = '${taskId}'`;
  const plain = await conn.query(queryDeleted);
  expectEqual('query: deleted row', plain.totalSize, 0);
  const all = await conn.query(queryDeleted, { scanAll: true }); // GET queryAll/?q=
  expectEqual('queryAll: deleted row', all.records.map((r) => [r.Id, r.IsDeleted]), [[taskId, true]]);
  const allPaged = await conn.sobject('Task').find({ Subject: { $like: `${pagingTag}%` }, IsDeleted: true },
    ['Id']).scanAll(true).execute({ autoFetch: true, maxFetch: 1000 });
  expectEqual('queryAll through paging: deleted rows', allPaged.length, pagingCount);
  ok('queryAll returns deleted rows with IsDeleted=true; query does not',
    `${taskId} and the ${pagingCount} paging records`);

  // --- Composite ---
  begin('Composite');
  const base = `/services/data/v${conn.version}`;
  const composite = await conn.requestPost('/composite', {
    allOrNone: true,
    compositeRequest: [
      { method: 'POST', url: `${base}/sobjects/Task`, referenceId: 'newTask',
        body: task(`${runTag} composite`) },
      { method: 'GET', url: `${base}/sobjects/Task/@{newTask.id}?fields=Subject,Status`, referenceId: 'readTask' },
      { method: 'PATCH', url: `${base}/sobjects/Task/@{newTask.id}`, referenceId: 'closeTask',
        body: { Status: 'Completed' } },
      // As in Salesforce's composite examples, the reference stands unencoded in the query string.
      { method: 'GET', url: `${base}/query/?q=SELECT+Id,Status+FROM+Task+WHERE+Id+=+'@{newTask.id}'`,
        referenceId: 'queryTask' },
    ],
  });
  const responses = composite.compositeResponse;
  expectEqual('composite: referenceIds', responses.map((r) => r.referenceId),
    ['newTask', 'readTask', 'closeTask', 'queryTask']);
  expectEqual('composite: status codes', responses.map((r) => r.httpStatusCode), [201, 200, 204, 200]);
  const compositeId = responses[0].body.id;
  expectId('composite: created id', compositeId, '00T');
  expectEqual('composite: Location header', responses[0].httpHeaders?.Location, `${base}/sobjects/Task/${compositeId}`);
  expectEqual('composite: read', responses[1].body.Subject, `${runTag} composite`);
  expectEqual('composite: query sees the update', responses[3].body.records?.[0]?.Status, 'Completed');
  const failed = await conn.requestPost('/composite', {
    allOrNone: true,
    compositeRequest: [
      { method: 'POST', url: `${base}/sobjects/Task`, referenceId: 'ok', body: task(`${runTag} rolled back`) },
      { method: 'POST', url: `${base}/sobjects/Task`, referenceId: 'bad', body: task('x', { Priority: 'Urgent' }) },
    ],
  });
  expectEqual('composite allOrNone: status codes', failed.compositeResponse.map((r) => r.httpStatusCode), [400, 400]);
  expectEqual('composite allOrNone: first is rolled back',
    failed.compositeResponse[0].body?.[0]?.errorCode, 'PROCESSING_HALTED');
  const none = await Task.count({ Subject: `${runTag} rolled back` });
  expectEqual('composite allOrNone: nothing written', none, 0);
  ok('composite with @{ref.id} references; allOrNone rolls back', `created ${compositeId}`);

  // --- Composite batch and tree ---
  begin('Composite batch and tree');
  const batch = await conn.requestPost('/composite/batch', {
    batchRequests: [
      { method: 'PATCH', url: `v${conn.version}/sobjects/Task/${compositeId}`, richInput: { Priority: 'Low' } },
      { method: 'GET', url: `v${conn.version}/sobjects/Task/${compositeId}?fields=Priority` },
      { method: 'GET', url: `v${conn.version}/sobjects/Task/00T000000000000EAA` },
    ],
  });
  expectEqual('composite/batch: hasErrors', batch.hasErrors, true);
  expectEqual('composite/batch: status codes', batch.results.map((r) => r.statusCode), [204, 200, 404]);
  expectEqual('composite/batch: read', batch.results[1].result?.Priority, 'Low');
  const tree = await conn.requestPost('/composite/tree/Task', {
    records: [
      { attributes: { type: 'Task', referenceId: 't1' }, ...task(`${runTag} tree 1`) },
      { attributes: { type: 'Task', referenceId: 't2' }, ...task(`${runTag} tree 2`) },
    ],
  });
  expectEqual('composite/tree: hasErrors', tree.hasErrors, false);
  expectEqual('composite/tree: referenceIds', tree.results.map((r) => r.referenceId), ['t1', 't2']);
  const treeIds = tree.results.map((r) => r.id);
  await Task.destroy([compositeId, ...treeIds], { allOrNone: true });
  ok('composite/batch and composite/tree', `batch ${batch.results.map((r) => r.statusCode).join(',')}, `
    + `tree ${treeIds.join(',')}`);

  // --- Limits, describe, versions ---
  begin('Limits, describe, versions');
  const limits = await conn.limits();
  expectTrue('limits: DailyApiRequests', Number.isInteger(limits.DailyApiRequests?.Max)
    && Number.isInteger(limits.DailyApiRequests?.Remaining), '{Max, Remaining}', limits.DailyApiRequests);
  expectTrue('Sforce-Limit-Info', conn.limitInfo?.apiUsage?.limit === limits.DailyApiRequests.Max,
    `api-usage=N/${limits.DailyApiRequests.Max} on responses`, conn.limitInfo);
  const describe = await Task.describe();
  const status = describe.fields.find((f) => f.name === 'Status');
  expectTrue('describe: Status picklist', status?.type === 'picklist'
    && status.picklistValues.some((p) => p.value === 'Deferred'), 'a picklist with Deferred', status);
  ok('limits and describe', `DailyApiRequests ${limits.DailyApiRequests.Remaining}/${limits.DailyApiRequests.Max}, `
    + `api-usage ${conn.limitInfo.apiUsage.used}/${conn.limitInfo.apiUsage.limit}, Task has ${describe.fields.length} fields`);

  // --- Every write above produced its events ---
  begin('Every write above produced its events');
  const writtenIds = [...pageIds, compositeId, ...treeIds];
  await waitFor('change events for every record written', () => writtenIds.every(
    (id) => eventsFor(live.received, id).some((m) => header(m).changeType === 'DELETE')),
  () => `CREATE ... DELETE for ${writtenIds.length} records; got ${live.received.length} events`);
  for (const id of pageIds) {
    const types = eventsFor(live.received, id).map((m) => header(m).changeType);
    expectEqual(`change types of ${id}`, types[0], 'CREATE');
    expectEqual(`change types of ${id}`, types.at(-1), 'DELETE');
  }
  expectEqual('composite task events', eventsFor(live.received, compositeId).map((m) => header(m).changeType),
    ['CREATE', 'UPDATE', 'UPDATE', 'DELETE']);
  const liveIds = live.received.map(replayIdOf);
  expectUniqueAndIncreasing('live replay ids', live.received);
  ok('every write (REST, collections, composite, tree) emitted its change events',
    `${live.received.length} events, replay ids ${liveIds[0]}..${liveIds.at(-1)}`);

  // --- Replay ---
  begin('Replay');
  const everything = streamingClient(conn, -2);
  await everything.subscribed;
  const liveSnapshot = [...live.received];
  await waitFor('replay -2', () => everything.received.length >= liveSnapshot.length
    && replayIdOf(everything.received.at(-1)) >= replayIdOf(liveSnapshot.at(-1)),
  () => `at least the ${liveSnapshot.length} events seen live`);
  await sleep(1000); // nothing more may come
  const replayedAll = everything.received;
  const earlier = replayedAll.slice(0, replayedAll.length - liveSnapshot.length);
  expectEqual('replay -2: the events seen live, in order, at the end',
    replayedAll.slice(earlier.length).map((m) => [replayIdOf(m), header(m).changeType, header(m).recordIds]),
    liveSnapshot.map((m) => [replayIdOf(m), header(m).changeType, header(m).recordIds]));
  expectTrue('replay -2: earlier events come before', earlier.every((m) => replayIdOf(m) < liveIds[0]),
    `replay ids below ${liveIds[0]}`, earlier.map(replayIdOf));
  if (opts.freshOrg) expectEqual('replay -2 on a fresh org: events before this run', earlier.length, 0);
  expectEqual('replay -2: payloads as sent live', replayedAll.at(-1), liveSnapshot.at(-1));
  ok('replay -2 returns every retained event', `${replayedAll.length} events (${earlier.length} from before this run)`);

  const after = replayIdOf(createEvent);
  const fromId = streamingClient(conn, after);
  await fromId.subscribed;
  const expectedAfter = liveSnapshot.filter((m) => replayIdOf(m) > after);
  await waitFor(`replay from ${after}`, () => fromId.received.length >= expectedAfter.length,
    () => `the ${expectedAfter.length} events after ${after}`);
  await sleep(1000);
  expectEqual(`replay from ${after}: exactly the events after it`, fromId.received.map(replayIdOf),
    expectedAfter.map(replayIdOf));
  ok(`replay from a given id (${after}) returns exactly the events after it`,
    `${fromId.received.length} events, first ${replayIdOf(fromId.received[0])}`);

  const newOnly = streamingClient(conn, -1);
  await newOnly.subscribed;
  await sleep(1000);
  expectEqual('replay -1: nothing old', newOnly.received.length, 0);
  const lateTask = await Task.create(task(`${runTag} new only`));
  await waitFor('replay -1: the new event', () => eventsFor(newOnly.received, lateTask.id).length === 1,
    () => `CREATE for ${lateTask.id}`);
  await Task.destroy(lateTask.id);
  ok('replay -1 returns only new events', `CREATE ${replayIdOf(newOnly.received[0])}`);

  const invalid = streamingClient(conn, 999999999);
  const invalidError = await invalid.subscribed.then((v) => v, (e) => e);
  expectTrue('replay from an id beyond the log', /^400::The replayId \{999999999} you provided was invalid/
    .test(String(invalidError?.message ?? invalidError)),
  '400::The replayId {999999999} you provided was invalid…', invalidError);
  ok('an invalid replay id fails the subscribe as Salesforce does', String(invalidError.message));
  for (const client of [everything, fromId, newOnly, invalid]) client.client.disconnect();

  // --- OAuth logout: jsforce revokes the access token ---
  begin('OAuth logout: jsforce revokes the access token');
  const shortLived = oauthConnection();
  await shortLived.login(opts.username, opts.password);
  const revokedToken = shortLived.accessToken;
  await shortLived.logout(); // POST /services/oauth2/revoke token=<access token>
  const withRevoked = new jsforce.Connection({ instanceUrl: opts.baseUrl, accessToken: revokedToken,
    version: conn.version });
  await expectRejects('REST call with a revoked access token', withRevoked.limits(), 'INVALID_SESSION_ID');
  ok('OAuth logout revokes the access token', 'the next REST call is INVALID_SESSION_ID');

  if (!opts.drills) return;

  // --- Refresh-token flow (the emulator's admin API hands out the refresh token a connected app would get) ---
  begin('Refresh-token flow (the emulator\'s admin API hands out the refresh token a connected app would get)');
  const { refresh_token: refreshToken } = await admin('POST', '/refresh-tokens', { username: opts.username });
  const viaRefresh = new jsforce.Connection({
    oauth2: { loginUrl: opts.baseUrl, clientId: opts.clientId, clientSecret: opts.clientSecret },
    instanceUrl: opts.baseUrl, accessToken: 'not-a-session', refreshToken, version: conn.version,
  });
  const refreshes = [];
  viaRefresh.on('refresh', (accessToken, response) => refreshes.push(response));
  const viaRefreshLimits = await viaRefresh.limits();
  expectTrue('refresh-token flow: limits after the refresh', Number.isInteger(viaRefreshLimits.DailyApiRequests?.Max),
    'the limits', viaRefreshLimits);
  expectEqual('refresh-token flow: one refresh', refreshes.length, 1);
  expectEqual('refresh-token flow: response', {
    instance_url: refreshes[0].instance_url, token_type: refreshes[0].token_type,
    has_refresh_token: 'refresh_token' in refreshes[0],
  }, { instance_url: opts.baseUrl, token_type: 'Bearer', has_refresh_token: false });
  await viaRefresh.logout(true); // revokes the refresh token
  await expectRejects('refresh with a revoked refresh token', viaRefresh.oauth2.refreshToken(refreshToken),
    'invalid_grant');
  ok('refresh-token flow after a 401, then revoke of the refresh token', 'a revoked refresh token is invalid_grant');

  // --- Drill: the server forgets every streaming client; Faye re-handshakes, Replay resumes ---
  begin('Drill: the server forgets every streaming client; Faye re-handshakes, Replay resumes');
  await waitFor('live client caught up', () => eventsFor(live.received, lateTask.id).length === 2,
    () => `CREATE and DELETE for ${lateTask.id}`);
  const beforeDrop = live.received.length;
  await admin('POST', '/streaming/drop-clients');
  const duringDrop = await Task.create(task(`${runTag} during drop`));
  await waitFor('event after drop-clients', () => eventsFor(live.received, duringDrop.id).length === 1,
    () => `the CREATE of ${duringDrop.id} after Faye's re-handshake`, 30000);
  await sleep(500);
  expectEqual('after drop-clients: the event written meanwhile, once', eventsFor(live.received.slice(beforeDrop),
    duringDrop.id).map((m) => header(m).changeType), ['CREATE']);
  expectUniqueAndIncreasing('after drop-clients: replay ids', live.received);
  ok('drop-clients drill: Faye re-handshakes, the Replay extension resumes with nothing lost or repeated',
    `replay ${replayIdOf(live.received.at(-1))}`);

  // --- Drill: every session expires; REST re-logs in by itself, the stream reports auth failure ---
  begin('Drill: every session expires; REST re-logs in by itself, the stream reports auth failure');
  const beforeExpiry = live.received.length;
  await admin('POST', '/sessions/expire');
  const handshakeFailures = [];
  const stale = streamingClient(conn, -1, (message) => handshakeFailures.push(message));
  await waitFor('handshake with the expired token: AuthFailure', () => handshakeFailures.length > 0,
    () => '403::Handshake denied with ext.sfdc.failureReason 401::Authentication invalid');
  expectEqual('handshake with the expired token', {
    channel: handshakeFailures[0].channel, error: handshakeFailures[0].error,
    failureReason: handshakeFailures[0].ext?.sfdc?.failureReason, reconnect: handshakeFailures[0].advice?.reconnect,
  }, { channel: '/meta/handshake', error: '403::Handshake denied', failureReason: '401::Authentication invalid',
    reconnect: 'none' });
  stale.client.disconnect();
  let refreshed = false;
  conn.on('refresh', () => { refreshed = true; });
  const oldToken = conn.accessToken;
  const afterExpiry = await Task.create(task(`${runTag} after expiry`));
  expectTrue('REST after expiry: jsforce refreshed the session', refreshed && conn.accessToken !== oldToken,
    'a new access token from the username-password refresh', { refreshed });
  await waitFor('stream after expiry: AuthFailure', () => authFailures.length > 0,
    () => '401::Authentication invalid with advice reconnect=none on /meta/connect', 30000);
  const failure = authFailures[0];
  expectTrue('stream after expiry: error', String(failure.error).includes('401'), '401::Authentication invalid',
    failure);
  live.client.disconnect();
  // A new client with the new token, from the last replay id the old one saw.
  const resumed = streamingClient(conn, live.replay._replay);
  await resumed.subscribed;
  const afterResume = await Task.create(task(`${runTag} after resume`));
  await waitFor('resumed stream is live', () => eventsFor(resumed.received, afterResume.id).length === 1,
    () => `CREATE for ${afterResume.id}`);
  await sleep(500);
  const acrossExpiry = [...live.received.slice(beforeExpiry), ...resumed.received];
  expectEqual('across the expiry: every event once', [afterExpiry.id, afterResume.id].map(
    (id) => eventsFor(acrossExpiry, id).map((m) => header(m).changeType)), [['CREATE'], ['CREATE']]);
  expectUniqueAndIncreasing('across the expiry: replay ids', acrossExpiry);
  await Task.destroy([duringDrop.id, afterExpiry.id, afterResume.id], { allOrNone: true });
  ok('expired sessions: REST re-logs in; the stream says 401 (AuthFailure); a new client resumes by replay id',
    `handshake 403::Handshake denied, ${failure.channel} ${failure.error}, nothing lost or repeated`);
}

let code = 0;
try {
  await main();
  console.log(`PASS ${stepCount} steps`);
} catch (e) {
  if (e instanceof Mismatch) {
    console.log(`FAIL ${e.message}`);
    code = 1;
  } else {
    console.log(`FAIL in step ${stepCount + 1} (${current}): ${e?.name ?? 'Error'}: ${e?.message ?? e}`);
    if (e?.errorCode) console.log(`       errorCode: ${e.errorCode}`);
    if (e?.data) console.log(`       error data: ${show(e.data)}`);
    if (e?.stack) console.log(`       ${e.stack.split('\n').slice(1, 4).map((l) => l.trim()).join('\n       ')}`);
    code = 2;
  }
}
for (const client of openClients) {
  try { client.disconnect(); } catch { /* already gone */ }
}
process.exit(code);
