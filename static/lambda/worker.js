// The Lambda runtime inside a function's Web Worker (a classic worker script, after fflate
// and node.js): loads the function's code once, as Lambda's init does, then runs the handler for
// each invocation the page sends, the way the Node.js runtime runs it.
//
// Page → worker: a JSON text {type: 'invoke', fileName, code, handler, env, requestId, event,
// timeoutMs, memoryMb, functionName, functionVersion, invokedArn, logGroup, logStream}.
// Worker → page: JSON texts {type: 'log', line} as the function logs, then {type: 'result',
// ok, result | error, durationMs, fatal}; {type: 'stale'} if the environment died while idle.
(function () {
  'use strict';

  const node = globalThis.__lambdaNode;
  delete globalThis.__lambdaNode;
  const { format, modules, process } = node;
  globalThis.process = process;
  globalThis.global = globalThis;
  const post = globalThis.postMessage.bind(globalThis);
  const now = () => performance.now();

  const TASK = '/var/task';
  const RUNTIME_URL = 'file:///var/runtime/index.mjs';
  const scriptUrl = typeof location === 'object' ? String(location.href) : '';

  // ---- console: each call one line, as Lambda's Node.js runtime writes it ----------------
  let requestId; // undefined during init, as Lambda prints it
  function emit(level, args) {
    post(JSON.stringify({ type: 'log', line: `${new Date().toISOString()}\t${requestId}\t${level}\t${format(...args)}` }));
  }
  const counts = new Map();
  const timers = new Map();
  globalThis.console = {
    log: (...a) => emit('INFO', a),
    info: (...a) => emit('INFO', a),
    debug: (...a) => emit('DEBUG', a),
    warn: (...a) => emit('WARN', a),
    error: (...a) => emit('ERROR', a),
    trace: (...a) => emit('TRACE', a),
    dir: (o) => emit('INFO', [o]),
    table: (o) => emit('INFO', [o]),
    assert: (ok, ...a) => {
      if (!ok) emit('ERROR', a.length ? ['Assertion failed:', ...a] : ['Assertion failed']);
    },
    count: (label = 'default') => {
      counts.set(label, (counts.get(label) || 0) + 1);
      emit('INFO', [`${label}: ${counts.get(label)}`]);
    },
    time: (label = 'default') => timers.set(label, now()),
    timeEnd: (label = 'default') => {
      if (timers.has(label)) emit('INFO', [`${label}: ${(now() - timers.get(label)).toFixed(3)}ms`]);
      timers.delete(label);
    },
  };

  // ---- timers, counted: a handler that returns nothing finishes when none is left --------
  const pending = new Set();
  let idleWaiters = [];
  const realSetTimeout = globalThis.setTimeout.bind(globalThis);
  const realClearTimeout = globalThis.clearTimeout.bind(globalThis);
  const realSetInterval = globalThis.setInterval.bind(globalThis);
  const realClearInterval = globalThis.clearInterval.bind(globalThis);

  function checkIdle() {
    if (pending.size > 0 || idleWaiters.length === 0) return;
    // A later task, so that promise jobs run first and may start timers of their own.
    realSetTimeout(() => {
      if (pending.size > 0) return;
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }, 0);
  }
  function whenIdle(fn) {
    idleWaiters.push(fn);
    checkIdle();
  }
  globalThis.setTimeout = (fn, ms, ...args) => {
    const id = realSetTimeout(() => {
      pending.delete(id);
      try {
        if (typeof fn === 'function') fn(...args);
      } finally {
        checkIdle();
      }
    }, ms);
    pending.add(id);
    return id;
  };
  globalThis.clearTimeout = (id) => {
    pending.delete(id);
    realClearTimeout(id);
    checkIdle();
  };
  globalThis.setInterval = (fn, ms, ...args) => {
    const id = realSetInterval(() => {
      if (typeof fn === 'function') fn(...args);
    }, ms);
    pending.add(id);
    return id;
  };
  globalThis.clearInterval = (id) => {
    pending.delete(id);
    realClearInterval(id);
    checkIdle();
  };
  globalThis.setImmediate = (fn, ...args) => globalThis.setTimeout(fn, 0, ...args);
  globalThis.clearImmediate = (id) => globalThis.clearTimeout(id);

  // ---- errors as Lambda reports them ------------------------------------------------------
  let userUrl = null;
  function cleanStack(text) {
    let s = String(text);
    if (userUrl) s = s.split(userUrl).join(`file://${TASK}/${loaded.fileName}`);
    for (const [url, name] of builtinUrls) s = s.split(url).join(name === 'runtime' ? RUNTIME_URL : `node:${name}`);
    if (scriptUrl) s = s.split(scriptUrl).join(RUNTIME_URL);
    return s;
  }

  function isErrorLike(e) {
    return e instanceof Error || (e !== null && typeof e === 'object' && typeof e.message === 'string' && typeof e.stack === 'string');
  }

  function toResponse(e) {
    if (isErrorLike(e)) {
      const stack = typeof e.stack === 'string' ? cleanStack(e.stack) : `${e.name}: ${e.message}`;
      return { errorType: String(e.name), errorMessage: cleanStack(e.message), trace: stack.split('\n') };
    }
    return { errorType: typeof e, errorMessage: String(e), trace: [] };
  }

  function runtimeError(errorType, errorMessage) {
    return {
      errorType,
      errorMessage,
      trace: `${errorType}: ${errorMessage}`.split('\n').concat([`    at _loadUserApp (${RUNTIME_URL})`]),
    };
  }

  function logError(label, response) {
    const body = JSON.stringify({ errorType: response.errorType, errorMessage: response.errorMessage, stack: response.trace });
    post(JSON.stringify({ type: 'log', line: `${new Date().toISOString()}\t${requestId}\tERROR\t${label} \t${body}` }));
  }

  // ---- crypto: what the browser's Web Crypto gives synchronously ------------------------------
  const webCrypto = globalThis.crypto;
  function randomBytes(n) {
    const out = node.Buffer.alloc(n);
    for (let i = 0; i < n; i += 65536) webCrypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
    return out;
  }
  function randomUUID() {
    if (typeof webCrypto.randomUUID === 'function') return webCrypto.randomUUID();
    const b = randomBytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  modules.crypto = {
    randomBytes,
    randomUUID,
    getRandomValues: (array) => webCrypto.getRandomValues(array),
    webcrypto: webCrypto,
  };

  // ---- loading the function's code --------------------------------------------------------
  const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
  globalThis.__lambdaModules = modules;
  const builtinUrls = new Map(); // blob URL → module name
  const builtinByName = new Map();
  function builtinUrl(name) {
    if (!builtinByName.has(name)) {
      const keys = Object.keys(modules[name]).filter((k) => IDENT.test(k) && k !== 'default');
      const text =
        `const m = globalThis.__lambdaModules[${JSON.stringify(name)}];\nexport default m;\n` +
        (keys.length ? `export const { ${keys.join(', ')} } = m;\n` : '');
      const url = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
      builtinByName.set(name, url);
      builtinUrls.set(url, name);
    }
    return builtinByName.get(name);
  }

  function builtinName(spec) {
    const name = spec.startsWith('node:') ? spec.slice(5) : spec;
    return Object.prototype.hasOwnProperty.call(modules, name) ? name : null;
  }

  function notFound(spec, from) {
    const err = new Error(`Cannot find module '${spec}'\nRequire stack:\n- ${from}\n- /var/runtime/index.mjs`);
    err.code = 'MODULE_NOT_FOUND';
    return err;
  }

  let loaded = null; // {fileName, handler, fn} once the code has loaded

  async function load(msg) {
    Object.assign(process.env, msg.env);
    const h = msg.handler;
    const dot = h.indexOf('.', h.lastIndexOf('/') + 1);
    if (dot < 0) throw runtimeError('Runtime.MalformedHandlerName', 'Bad handler');
    const moduleName = h.slice(0, dot);
    const path = h.slice(dot + 1);
    const ext = /\.(mjs|cjs|js)$/.exec(msg.fileName);
    const stem = ext ? msg.fileName.slice(0, -ext[0].length) : msg.fileName;
    if (moduleName !== stem) {
      throw runtimeError('Runtime.ImportModuleError', `Error: Cannot find module '${moduleName}'\nRequire stack:\n- /var/runtime/index.mjs`);
    }
    loaded = { fileName: msg.fileName, handler: h, fn: null };
    const file = `${TASK}/${msg.fileName}`;
    let exportsOf;
    if (ext && ext[1] === 'mjs') {
      const rewritten = msg.code.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\2/g, (all, pre, q, spec) => {
        const name = builtinName(spec);
        return name ? `${pre}${q}${builtinUrl(name)}${q}` : all;
      });
      userUrl = URL.createObjectURL(new Blob([rewritten], { type: 'text/javascript' }));
      try {
        exportsOf = await import(userUrl);
      } catch (e) {
        throw loadError(e, file);
      }
    } else {
      const module = { exports: {}, id: '.', filename: file, loaded: false, children: [], paths: [] };
      const require = (spec) => {
        const name = builtinName(String(spec));
        if (!name) throw notFound(String(spec), file);
        return modules[name];
      };
      require.resolve = (spec) => {
        if (!builtinName(String(spec))) throw notFound(String(spec), file);
        return String(spec);
      };
      let wrapper;
      try {
        wrapper = (0, eval)(`(function (exports, require, module, __filename, __dirname) {${msg.code}\n})\n//# sourceURL=${file}`);
      } catch (e) {
        throw loadError(e, file);
      }
      try {
        wrapper.call(module.exports, module.exports, require, module, file, TASK);
      } catch (e) {
        throw loadError(e, file);
      }
      module.loaded = true;
      exportsOf = module.exports;
    }
    let fn = exportsOf;
    for (const part of path.split('.')) fn = fn === undefined || fn === null ? undefined : fn[part];
    if (fn === undefined) throw runtimeError('Runtime.HandlerNotFound', `${h} is undefined or not exported`);
    if (typeof fn !== 'function') throw runtimeError('Runtime.HandlerNotFound', `${h} is not a function`);
    loaded.fn = fn;
  }

  // A failure while loading, under the name Lambda gives it.
  function loadError(e, file) {
    if (e instanceof SyntaxError) {
      const message = cleanStack(e.message).replace(/'blob:[^']*'/g, (u) => `'${builtinUrls.get(u.slice(1, -1)) || u.slice(1, -1)}'`);
      return runtimeError('Runtime.UserCodeSyntaxError', `SyntaxError: ${message}`);
    }
    if (e && e.code === 'MODULE_NOT_FOUND') return runtimeError('Runtime.ImportModuleError', `Error: ${e.message}`);
    // The browser could not resolve an import: a package or file the sandbox does not have.
    const m = e instanceof TypeError && /(?:specifier|module)\s*["“']([^"”']+)["”']/.exec(e.message);
    if (m) {
      const spec = m[1];
      const what = /^\.{0,2}\//.test(spec)
        ? `module '${spec.startsWith('/') ? spec : `${TASK}/${spec.replace(/^\.\//, '')}`}'`
        : `package '${spec}'`;
      return runtimeError('Runtime.ImportModuleError', `Error [ERR_MODULE_NOT_FOUND]: Cannot find ${what} imported from ${file}`);
    }
    return toResponse(e);
  }

  // ---- one invocation ---------------------------------------------------------------------
  let current = null; // the invocation in flight: {finish}
  let crashed = false;

  function contextFor(msg, deadline) {
    return {
      callbackWaitsForEmptyEventLoop: true,
      functionName: msg.functionName,
      functionVersion: msg.functionVersion,
      invokedFunctionArn: msg.invokedArn,
      memoryLimitInMB: String(msg.memoryMb),
      awsRequestId: msg.requestId,
      logGroupName: msg.logGroup,
      logStreamName: msg.logStream,
      identity: undefined,
      clientContext: undefined,
      getRemainingTimeInMillis: () => Math.max(0, Math.floor(deadline - now())),
    };
  }

  function callHandler(fn, event, context) {
    return new Promise((resolve, reject) => {
      let done = false;
      const settle = (err, value) => {
        if (done) return;
        done = true;
        if (err !== undefined && err !== null) reject(err);
        else resolve(value);
      };
      let calledBack = false;
      const callback = (err, value) => {
        calledBack = true;
        if (context.callbackWaitsForEmptyEventLoop) whenIdle(() => settle(err, value));
        else settle(err, value);
      };
      context.done = callback;
      context.succeed = (value) => callback(null, value);
      context.fail = (err) => callback(err === undefined || err === null ? 'handled' : err);
      let returned;
      try {
        returned = fn(event, context, callback);
      } catch (e) {
        settle(e);
        return;
      }
      if (returned && typeof returned.then === 'function') {
        returned.then(
          (v) => settle(null, v),
          (e) => settle(e === undefined || e === null ? new Error(String(e)) : e),
        );
      } else {
        // Neither a promise nor (yet) the callback: done once nothing is left to run.
        whenIdle(() => {
          if (!calledBack) settle(null, null);
        });
      }
    });
  }

  async function invoke(msg) {
    requestId = msg.requestId;
    const received = now();
    const deadline = received + msg.timeoutMs;
    let initDurationMs = null;
    let start = received;
    const reply = (fields) => {
      current = null;
      post(JSON.stringify(Object.assign({ type: 'result', durationMs: now() - start, initDurationMs }, fields)));
    };
    current = { fail: (error) => reply({ ok: false, error, fatal: true }) };
    if (!loaded || !loaded.fn) {
      requestId = undefined;
      try {
        await load(msg);
      } catch (e) {
        const error = e && e.errorType ? e : toResponse(e);
        logError('Uncaught Exception', error);
        requestId = msg.requestId;
        reply({ ok: false, error, fatal: true });
        return;
      }
      requestId = msg.requestId;
      initDurationMs = now() - received;
      start = now();
    }
    let result;
    try {
      const event = JSON.parse(msg.event);
      const value = await callHandler(loaded.fn, event, contextFor(msg, deadline));
      result = value === undefined ? 'null' : JSON.stringify(value);
      if (result === undefined) result = 'null';
    } catch (e) {
      const error = toResponse(e);
      logError('Invoke Error', error);
      reply({ ok: false, error, fatal: false });
      return;
    }
    reply({ ok: true, result });
  }

  // An exception nothing caught ends the environment, as it ends Lambda's Node.js process.
  function crash(error) {
    logError(error.errorType === 'Runtime.UnhandledPromiseRejection' ? 'Unhandled Promise Rejection' : 'Uncaught Exception', error);
    if (current) current.fail(error);
    else crashed = true;
  }
  globalThis.addEventListener('error', (event) => {
    event.preventDefault();
    crash(toResponse(event.error !== undefined ? event.error : event.message));
  });
  globalThis.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    const r = event.reason;
    const text = isErrorLike(r) ? `${r.name}: ${r.message}` : String(r);
    crash({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: text, trace: [`Runtime.UnhandledPromiseRejection: ${text}`] });
  });

  globalThis.addEventListener('message', (event) => {
    const msg = JSON.parse(event.data);
    if (msg.type !== 'invoke') return;
    if (crashed) {
      post(JSON.stringify({ type: 'stale' }));
      return;
    }
    invoke(msg);
  });
})();
