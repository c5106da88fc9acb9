'use strict';
// Drives Losant's official REST client (npm losant-rest 2.8.1) against a running Moor and prints what
// each call returned, as one JSON object, for LosantClientConformanceTests to check. A call that fails
// unexpectedly ends the script with exit code 1.
const losant = require('losant-rest');

const client = losant.createClient({ url: process.env.MOOR_URL, accessToken: process.env.MOOR_TOKEN });
const applicationId = process.env.APPLICATION_ID;

async function failure(call) {
  try {
    await call();
    return 'no error';
  } catch (err) {
    return { message: err.message, type: err.type, statusCode: err.statusCode };
  }
}

async function eventually(call, done) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const result = await call();
    if (done(result)) {
      return result;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return call();
}

async function main() {
  const results = {};
  results.created = await client.devices.post({
    applicationId,
    device: {
      name: 'Conformance Boiler',
      description: 'made by losant-rest',
      tags: [{ key: 'floor', value: '8' }],
      attributes: [{ name: 'temperature', dataType: 'number' }],
      deviceClass: 'standalone'
    }
  });
  results.createdSecond = await client.devices.post({
    applicationId,
    device: { name: 'Conformance Pump', tags: [{ key: 'floor', value: '9' }], deviceClass: 'gateway' }
  });
  results.list = await client.devices.get({ applicationId });
  results.filtered = await client.devices.get({
    applicationId,
    sortField: 'name',
    sortDirection: 'desc',
    page: 0,
    perPage: 1,
    filterField: 'name',
    filter: 'Conformance *',
    tagFilter: [{ key: 'floor', value: '8' }],
    excludeConnectionInfo: true
  });
  results.byTagKey = await client.devices.get({ applicationId, tagFilter: [{ key: 'floor' }], deviceClass: 'gateway' });
  results.exported = await client.devices.export({
    applicationId,
    email: 'ops@example.com',
    callbackUrl: process.env.CALLBACK_URL
  });
  results.commandSent = await client.devices.sendCommand({
    applicationId,
    multiDeviceCommand: {
      time: '2016-06-13T04:00:00.000Z',
      name: 'myCommand',
      payload: [1, 1, 2, 3, 5],
      deviceTags: [{ key: 'floor', value: 8 }]
    }
  });
  results.deviceCommandSent = await client.device.sendCommand({
    applicationId,
    deviceId: results.created.id,
    deviceCommand: { name: 'blink', payload: { times: 2 } }
  });
  results.commands = await eventually(
    () => client.device.getCommand({ applicationId, deviceId: results.created.id, limit: 10, sortDirection: 'asc' }),
    (commands) => commands.length >= 2);
  results.got = await client.device.get({ applicationId, deviceId: results.created.id });
  results.patched = await client.device.patch({
    applicationId,
    deviceId: results.created.id,
    device: { name: 'Conformance Kettle', tags: [{ key: 'floor', value: '7' }] }
  });
  results.stateSent = await client.device.sendState({
    applicationId,
    deviceId: results.created.id,
    deviceState: { data: { temperature: 19.5 } }
  });
  results.state = await client.device.getState({ applicationId, deviceId: results.created.id, limit: 5 });
  results.logEntries = await client.device.getLogEntries({ applicationId, deviceId: results.created.id, limit: 5 });
  results.deleted = await client.device.delete({ applicationId, deviceId: results.createdSecond.id });
  results.afterDelete = await failure(() => client.device.get({ applicationId, deviceId: results.createdSecond.id }));
  results.unknownApplication = await failure(() => client.devices.get({ applicationId: '575ec8687ae143cd83dc4a97' }));
  results.malformed = await failure(() => client.devices.post({ applicationId, device: { description: 'no name' } }));
  process.stdout.write(JSON.stringify(results));
}

main().catch((err) => {
  process.stderr.write('losant-rest call failed: ' + err.message + ' ' + JSON.stringify(err) + '\n');
  process.exit(1);
});
