// The parts of Node.js a Lambda function in the sandbox can use: Buffer, zlib (on fflate),
// util.format and util.inspect (the console's formatting), and process. Plain ECMAScript with
// no browser API required, so that it runs in the function's Web Worker and in the native
// tests' JavaScript engine alike. It leaves `Buffer` on the global object and everything
// else in `globalThis.__lambdaNode`.
(function (global) {
  'use strict';

  const fflate = global.fflate;
  try {
    delete global.fflate;
  } catch (_) {
    // Not deletable: left as it is.
  }

  // ---- Text encodings -------------------------------------------------------------------

  function utf8Encode(str) {
    const out = [];
    for (let i = 0; i < str.length; i++) {
      let c = str.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
        const d = str.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        }
      }
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return Uint8Array.from(out);
  }

  function fromCodes(codes) {
    let s = '';
    for (let i = 0; i < codes.length; i += 8192) {
      s += String.fromCharCode.apply(null, codes.slice(i, i + 8192));
    }
    return s;
  }

  // The WHATWG decoder (what Node does): each maximal ill-formed subsequence becomes U+FFFD,
  // and a byte order mark is kept.
  const textDecoder = typeof TextDecoder === 'function' ? new TextDecoder('utf-8', { ignoreBOM: true }) : null;
  function utf8Decode(bytes) {
    if (textDecoder) return textDecoder.decode(bytes);
    const units = [];
    let i = 0;
    while (i < bytes.length) {
      const b = bytes[i++];
      if (b < 0x80) {
        units.push(b);
        continue;
      }
      let need = 0;
      let cp = 0;
      let lower = 0x80;
      let upper = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        cp = b & 0xf;
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        cp = b & 0x7;
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
      } else {
        units.push(0xfffd);
        continue;
      }
      let ok = true;
      for (let k = 0; k < need; k++) {
        const n = bytes[i];
        if (i >= bytes.length || n < lower || n > upper) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (n & 0x3f);
        lower = 0x80;
        upper = 0xbf;
        i++;
      }
      if (!ok) {
        units.push(0xfffd);
        continue;
      }
      if (cp >= 0x10000) {
        cp -= 0x10000;
        units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else {
        units.push(cp);
      }
    }
    return fromCodes(units);
  }

  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const B64_VALUE = {};
  for (let i = 0; i < 64; i++) {
    B64_VALUE[B64[i]] = i;
    B64_VALUE[B64URL[i]] = i;
  }

  // Node's forgiving decoder: either alphabet, other characters skipped, stop at '='.
  function base64Decode(str) {
    const out = [];
    let acc = 0;
    let held = 0;
    for (let i = 0; i < str.length; i++) {
      const ch = str[i];
      if (ch === '=') break;
      const v = B64_VALUE[ch];
      if (v === undefined) continue;
      acc = (acc << 6) | v;
      held++;
      if (held === 4) {
        out.push((acc >> 16) & 255, (acc >> 8) & 255, acc & 255);
        acc = 0;
        held = 0;
      }
    }
    if (held === 2) out.push((acc >> 4) & 255);
    if (held === 3) out.push((acc >> 10) & 255, (acc >> 2) & 255);
    return Uint8Array.from(out);
  }

  function base64Encode(bytes, alphabet, pad) {
    let s = '';
    let i = 0;
    for (; i + 2 < bytes.length; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      s += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
    }
    if (bytes.length - i === 1) {
      const n = bytes[i] << 16;
      s += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + (pad ? '==' : '');
    } else if (bytes.length - i === 2) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
      s += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + (pad ? '=' : '');
    }
    return s;
  }

  function normalizeEncoding(enc) {
    if (enc === undefined || enc === null) return 'utf8';
    switch (String(enc).toLowerCase()) {
      case 'utf8':
      case 'utf-8':
        return 'utf8';
      case 'hex':
        return 'hex';
      case 'base64':
        return 'base64';
      case 'base64url':
        return 'base64url';
      case 'ascii':
        return 'ascii';
      case 'latin1':
      case 'binary':
        return 'latin1';
      case 'ucs2':
      case 'ucs-2':
      case 'utf16le':
      case 'utf-16le':
        return 'utf16le';
      default:
        return null;
    }
  }

  function encodingOrThrow(enc) {
    const e = normalizeEncoding(enc);
    if (e === null) {
      const err = new TypeError(`Unknown encoding: ${enc}`);
      err.code = 'ERR_UNKNOWN_ENCODING';
      throw err;
    }
    return e;
  }

  function encode(str, enc) {
    switch (encodingOrThrow(enc)) {
      case 'utf8':
        return utf8Encode(str);
      case 'base64':
      case 'base64url':
        return base64Decode(str);
      case 'hex': {
        const out = [];
        for (let i = 0; i + 1 < str.length; i += 2) {
          const pair = str.slice(i, i + 2);
          if (!/^[0-9a-fA-F]{2}$/.test(pair)) break;
          out.push(parseInt(pair, 16));
        }
        return Uint8Array.from(out);
      }
      case 'ascii':
      case 'latin1': {
        const out = new Uint8Array(str.length);
        for (let i = 0; i < str.length; i++) out[i] = str.charCodeAt(i) & 255;
        return out;
      }
      case 'utf16le': {
        const out = new Uint8Array(str.length * 2);
        for (let i = 0; i < str.length; i++) {
          const c = str.charCodeAt(i);
          out[2 * i] = c & 255;
          out[2 * i + 1] = c >> 8;
        }
        return out;
      }
    }
    return utf8Encode(str);
  }

  function decode(bytes, enc) {
    switch (encodingOrThrow(enc)) {
      case 'utf8':
        return utf8Decode(bytes);
      case 'base64':
        return base64Encode(bytes, B64, true);
      case 'base64url':
        return base64Encode(bytes, B64URL, false);
      case 'hex': {
        let s = '';
        for (let i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
        return s;
      }
      case 'ascii': {
        const codes = new Array(bytes.length);
        for (let i = 0; i < bytes.length; i++) codes[i] = bytes[i] & 0x7f;
        return fromCodes(codes);
      }
      case 'latin1':
        return fromCodes(Array.from(bytes));
      case 'utf16le': {
        const codes = [];
        for (let i = 0; i + 1 < bytes.length; i += 2) codes.push(bytes[i] | (bytes[i + 1] << 8));
        return fromCodes(codes);
      }
    }
    return utf8Decode(bytes);
  }

  // ---- Buffer ---------------------------------------------------------------------------

  function received(value) {
    if (value === undefined) return 'undefined';
    if (value === null) return 'null';
    if (typeof value === 'function') return `function ${value.name}`;
    if (typeof value === 'object') {
      const name = value.constructor && value.constructor.name;
      return name ? `an instance of ${name}` : inspect(value, { depth: -1 });
    }
    return `type ${typeof value} (${inspect(value)})`;
  }

  function invalidArg(message, value) {
    const err = new TypeError(`${message}. Received ${received(value)}`);
    err.code = 'ERR_INVALID_ARG_TYPE';
    return err;
  }

  class Buffer extends Uint8Array {
    // `new Buffer(…)` is deprecated in Node but still works; Buffer.from and Buffer.alloc are
    // the ways to make one.
    constructor(arg, encodingOrOffset, length) {
      if (typeof arg === 'string') {
        const bytes = encode(arg, encodingOrOffset);
        super(bytes.buffer, bytes.byteOffset, bytes.length);
      } else if (arg instanceof ArrayBuffer) {
        super(arg, encodingOrOffset === undefined ? 0 : encodingOrOffset, length === undefined ? arg.byteLength - (encodingOrOffset || 0) : length);
      } else if (typeof arg === 'number') {
        super(arg);
      } else if (arg !== null && typeof arg === 'object' && typeof arg.length === 'number') {
        super(arg);
      } else {
        throw invalidArg(
          'The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object',
          arg,
        );
      }
    }

    static from(value, encodingOrOffset, length) {
      if (typeof value === 'string') return new Buffer(value, encodingOrOffset);
      if (value instanceof ArrayBuffer) return new Buffer(value, encodingOrOffset, length);
      if (value !== null && typeof value === 'object') {
        if (ArrayBuffer.isView(value) || Array.isArray(value) || typeof value.length === 'number') {
          const out = new Buffer(value.length >>> 0);
          for (let i = 0; i < out.length; i++) out[i] = value[i];
          return out;
        }
        if (value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.from(value.data);
      }
      throw invalidArg(
        'The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object',
        value,
      );
    }

    static alloc(size, fill, encoding) {
      const out = new Buffer(size);
      if (fill !== undefined && fill !== 0) out.fill(fill, 0, out.length, encoding);
      return out;
    }

    static allocUnsafe(size) {
      return new Buffer(size);
    }

    static allocUnsafeSlow(size) {
      return new Buffer(size);
    }

    static isBuffer(value) {
      return value instanceof Buffer;
    }

    static isEncoding(enc) {
      return typeof enc === 'string' && normalizeEncoding(enc) !== null;
    }

    static byteLength(value, encoding) {
      if (typeof value === 'string') return encode(value, encoding).length;
      if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return value.byteLength;
      throw invalidArg('The "string" argument must be of type string or an instance of Buffer or ArrayBuffer', value);
    }

    static concat(list, totalLength) {
      if (!Array.isArray(list)) throw invalidArg('The "list" argument must be an instance of Array', list);
      const total = totalLength === undefined ? list.reduce((n, b) => n + b.length, 0) : totalLength;
      const out = new Buffer(total);
      let at = 0;
      for (const b of list) {
        if (at >= total) break;
        const part = b.length > total - at ? b.subarray(0, total - at) : b;
        out.set(part, at);
        at += part.length;
      }
      return out;
    }

    static compare(a, b) {
      return a.compare(b);
    }

    toString(encoding, start, end) {
      const s = start === undefined ? 0 : Math.max(0, start | 0);
      const e = end === undefined ? this.length : Math.min(this.length, end | 0);
      const view = new Uint8Array(this.buffer, this.byteOffset, this.length).subarray(s, Math.max(s, e));
      return decode(view, encoding);
    }

    toJSON() {
      return { type: 'Buffer', data: Array.from(this) };
    }

    equals(other) {
      return this.compare(other) === 0;
    }

    compare(other) {
      const n = Math.min(this.length, other.length);
      for (let i = 0; i < n; i++) {
        if (this[i] !== other[i]) return this[i] < other[i] ? -1 : 1;
      }
      return this.length === other.length ? 0 : this.length < other.length ? -1 : 1;
    }

    // Node's slice shares memory, as subarray does.
    slice(start, end) {
      return this.subarray(start, end);
    }

    fill(value, offset, end, encoding) {
      if (typeof value === 'string') {
        const bytes = encode(value, encoding);
        const from = offset === undefined ? 0 : offset;
        const to = end === undefined ? this.length : end;
        if (bytes.length === 0) return super.fill(0, from, to);
        for (let i = from, k = 0; i < to; i++, k = (k + 1) % bytes.length) this[i] = bytes[k];
        return this;
      }
      return super.fill(value, offset, end);
    }

    write(string, offset, length, encoding) {
      if (typeof offset === 'string') {
        encoding = offset;
        offset = 0;
        length = undefined;
      } else if (typeof length === 'string') {
        encoding = length;
        length = undefined;
      }
      const at = offset === undefined ? 0 : offset;
      const bytes = encode(string, encoding);
      const n = Math.min(bytes.length, this.length - at, length === undefined ? Infinity : length);
      this.set(bytes.subarray(0, n), at);
      return n;
    }

    readUInt8(offset = 0) {
      return this[offset];
    }

    readUInt16BE(offset = 0) {
      return (this[offset] << 8) | this[offset + 1];
    }

    readUInt16LE(offset = 0) {
      return this[offset] | (this[offset + 1] << 8);
    }

    readUInt32BE(offset = 0) {
      return this[offset] * 0x1000000 + ((this[offset + 1] << 16) | (this[offset + 2] << 8) | this[offset + 3]);
    }

    readUInt32LE(offset = 0) {
      return this[offset + 3] * 0x1000000 + ((this[offset + 2] << 16) | (this[offset + 1] << 8) | this[offset]);
    }

    readInt32BE(offset = 0) {
      return (this[offset] << 24) | (this[offset + 1] << 16) | (this[offset + 2] << 8) | this[offset + 3];
    }

    readInt32LE(offset = 0) {
      return (this[offset + 3] << 24) | (this[offset + 2] << 16) | (this[offset + 1] << 8) | this[offset];
    }
  }
  Buffer.poolSize = 8192;

  function wrap(bytes) {
    return new Buffer(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  // ---- zlib -----------------------------------------------------------------------------

  function zlibInput(data) {
    if (typeof data === 'string') return utf8Encode(data);
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw invalidArg(
      'The "buffer" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer',
      data,
    );
  }

  // fflate's errors under the names zlib gives them.
  const ZLIB_ERRORS = {
    0: ['unexpected end of file', 'Z_BUF_ERROR', -5],
    1: ['invalid block type', 'Z_DATA_ERROR', -3],
    2: ['invalid literal/length code', 'Z_DATA_ERROR', -3],
    3: ['invalid distance too far back', 'Z_DATA_ERROR', -3],
    6: ['incorrect header check', 'Z_DATA_ERROR', -3],
  };

  function zlibCall(fn) {
    return function (data, options) {
      const input = zlibInput(data);
      let out;
      try {
        out = fn(input, options || {});
      } catch (e) {
        const known = ZLIB_ERRORS[e && e.code];
        const err = new Error(known ? known[0] : String((e && e.message) || e));
        err.errno = known ? known[2] : -3;
        err.code = known ? known[1] : 'Z_DATA_ERROR';
        throw err;
      }
      return wrap(out);
    };
  }

  function level(options) {
    return options.level === undefined || options.level < 0 ? 6 : options.level;
  }

  function needFflate() {
    if (!fflate) throw new Error('zlib is not available here');
    return fflate;
  }

  const zlibSync = {
    gzipSync: zlibCall((d, o) => needFflate().gzipSync(d, { level: level(o), mtime: 0 })),
    gunzipSync: zlibCall((d) => needFflate().gunzipSync(d)),
    deflateSync: zlibCall((d, o) => needFflate().zlibSync(d, { level: level(o) })),
    inflateSync: zlibCall((d) => needFflate().unzlibSync(d)),
    deflateRawSync: zlibCall((d, o) => needFflate().deflateSync(d, { level: level(o) })),
    inflateRawSync: zlibCall((d) => needFflate().inflateSync(d)),
    unzipSync: zlibCall((d) =>
      d.length >= 2 && d[0] === 0x1f && d[1] === 0x8b ? needFflate().gunzipSync(d) : needFflate().unzlibSync(d),
    ),
  };

  const zlib = Object.assign({}, zlibSync, {
    constants: {
      Z_NO_FLUSH: 0,
      Z_FINISH: 4,
      Z_OK: 0,
      Z_NO_COMPRESSION: 0,
      Z_BEST_SPEED: 1,
      Z_BEST_COMPRESSION: 9,
      Z_DEFAULT_COMPRESSION: -1,
    },
  });
  // The callback forms (zlib.gzip(data, [options], callback)), answered on a later job.
  for (const name of Object.keys(zlibSync)) {
    const sync = zlibSync[name];
    zlib[name.slice(0, -4)] = function (data, options, callback) {
      const cb = typeof options === 'function' ? options : callback;
      const opts = typeof options === 'function' ? undefined : options;
      Promise.resolve().then(() => {
        let out;
        try {
          out = sync(data, opts);
        } catch (err) {
          cb(err);
          return;
        }
        cb(null, out);
      });
    };
  }

  // ---- util.inspect and util.format (what console.log prints) --------------------------

  const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

  function quote(s) {
    return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  }

  function inspect(value, options) {
    const depth = options && options.depth !== undefined ? options.depth : 2;
    return inspectValue(value, depth, 0, []);
  }

  function wrapEntries(open, entries, close, indent) {
    if (entries.length === 0) return `${open}${close}`;
    const oneLine = `${open} ${entries.join(', ')} ${close}`;
    if (oneLine.length + indent <= 72 && !oneLine.includes('\n')) return oneLine;
    const pad = ' '.repeat(indent + 2);
    return `${open}\n${entries.map((e) => pad + e).join(',\n')}\n${' '.repeat(indent)}${close}`;
  }

  function inspectValue(value, depth, indent, seen) {
    switch (typeof value) {
      case 'string':
        return quote(value);
      case 'number':
        return Object.is(value, -0) ? '-0' : String(value);
      case 'bigint':
        return `${value}n`;
      case 'boolean':
      case 'undefined':
        return String(value);
      case 'symbol':
        return value.toString();
      case 'function': {
        const src = Function.prototype.toString.call(value);
        if (src.startsWith('class')) return `[class ${value.name || '(anonymous)'}]`;
        return value.name ? `[Function: ${value.name}]` : '[Function (anonymous)]';
      }
    }
    if (value === null) return 'null';
    if (seen.includes(value)) return '[Circular *1]';
    if (value instanceof Error) return value.stack || String(value);
    if (value instanceof Date) return isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (value instanceof RegExp) return String(value);
    if (value instanceof Buffer) {
      const shown = Array.from(value.subarray(0, 50), (b) => (b < 16 ? '0' : '') + b.toString(16)).join(' ');
      const more = value.length > 50 ? ` ... ${value.length - 50} more bytes` : '';
      return `<Buffer${shown ? ' ' + shown : ''}${more}>`;
    }
    const inner = seen.concat([value]);
    const next = (v) => inspectValue(v, depth - 1, indent + 2, inner);
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const typed = !Array.isArray(value);
      const name = typed ? `${value.constructor.name}(${value.length}) ` : '';
      if (depth < 0) return typed ? `[${value.constructor.name}]` : '[Array]';
      const n = Math.min(value.length, 100);
      const entries = [];
      for (let i = 0; i < n; i++) entries.push(typed ? String(value[i]) : next(value[i]));
      if (value.length > n) entries.push(`... ${value.length - n} more item${value.length - n > 1 ? 's' : ''}`);
      return name + wrapEntries('[', entries, ']', indent);
    }
    if (value instanceof Map) {
      if (depth < 0) return '[Map]';
      const entries = Array.from(value, ([k, v]) => `${next(k)} => ${next(v)}`);
      return `Map(${value.size}) ` + wrapEntries('{', entries, '}', indent);
    }
    if (value instanceof Set) {
      if (depth < 0) return '[Set]';
      return `Set(${value.size}) ` + wrapEntries('{', Array.from(value, next), '}', indent);
    }
    if (typeof value.then === 'function') return 'Promise { <pending> }';
    const proto = Object.getPrototypeOf(value);
    const ctor = proto && proto.constructor && proto.constructor.name;
    const prefix = proto === null ? '[Object: null prototype] ' : ctor && ctor !== 'Object' ? `${ctor} ` : '';
    if (depth < 0) return `[${ctor || 'Object'}]`;
    const entries = Object.keys(value).map((k) => `${IDENT.test(k) ? k : quote(k)}: ${next(value[k])}`);
    return prefix + wrapEntries('{', entries, '}', indent);
  }

  function format(...args) {
    let out = '';
    let rest = args;
    if (typeof args[0] === 'string') {
      const fmt = args[0];
      let next = 1;
      let i = 0;
      for (; i < fmt.length; i++) {
        if (fmt[i] !== '%' || i + 1 >= fmt.length) {
          out += fmt[i];
          continue;
        }
        const c = fmt[i + 1];
        if (c === '%') {
          out += '%';
          i++;
          continue;
        }
        if (next >= args.length || !'sdifjoOc'.includes(c)) {
          out += fmt[i];
          continue;
        }
        const a = args[next++];
        i++;
        switch (c) {
          case 's':
            out += typeof a === 'string' ? a : typeof a === 'object' && a !== null ? inspect(a, { depth: 1 }) : String(a);
            break;
          case 'd':
          case 'i': {
            const n = typeof a === 'bigint' ? a : Number(a);
            out += typeof n === 'bigint' ? `${n}n` : String(c === 'i' ? Math.trunc(n) : n);
            break;
          }
          case 'f':
            out += String(parseFloat(a));
            break;
          case 'j':
            try {
              out += JSON.stringify(a);
            } catch (_) {
              out += '[Circular]';
            }
            break;
          case 'o':
          case 'O':
            out += inspect(a, { depth: c === 'o' ? 4 : 2 });
            break;
          case 'c':
            break;
        }
      }
      rest = args.slice(next);
    } else if (args.length > 0) {
      out = typeof args[0] === 'string' ? args[0] : inspect(args[0]);
      rest = args.slice(1);
    }
    for (const a of rest) out += ' ' + (typeof a === 'string' ? a : inspect(a));
    return out;
  }

  function promisify(fn) {
    return (...args) =>
      new Promise((resolve, reject) => {
        fn(...args, (err, value) => (err ? reject(err) : resolve(value)));
      });
  }

  // ---- process --------------------------------------------------------------------------

  const process = {
    env: {},
    version: 'v22.12.0',
    versions: { node: '22.12.0' },
    platform: 'linux',
    arch: 'x64',
    argv: ['/var/lang/bin/node', '/var/runtime/index.mjs'],
    pid: 8,
    cwd: () => '/var/task',
    nextTick: (fn, ...args) => {
      Promise.resolve().then(() => fn(...args));
    },
    hrtime: Object.assign(
      (prev) => {
        const ns = BigInt(Math.round(now() * 1e6));
        const t = [Number(ns / 1000000000n), Number(ns % 1000000000n)];
        if (!prev) return t;
        let s = t[0] - prev[0];
        let n = t[1] - prev[1];
        if (n < 0) {
          s -= 1;
          n += 1e9;
        }
        return [s, n];
      },
      { bigint: () => BigInt(Math.round(now() * 1e6)) },
    ),
    uptime: () => now() / 1000,
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
    on: () => process,
    once: () => process,
    off: () => process,
    emitWarning: () => {},
  };

  function now() {
    return typeof performance === 'object' && performance ? performance.now() : Date.now();
  }

  const modules = {
    buffer: { Buffer, kMaxLength: 0x100000000, constants: { MAX_LENGTH: 0x100000000 } },
    zlib,
    util: { format, inspect, promisify, TextEncoder: global.TextEncoder, TextDecoder: global.TextDecoder },
    process,
  };

  global.Buffer = Buffer;
  global.__lambdaNode = { Buffer, modules, process, format, inspect, utf8Encode, utf8Decode };
})(globalThis);
