/**
 * A small, safe interpreter for the subset of Python's pickle protocol (2–5)
 * that `torch.save` writes for a tensor. It never executes code: globals
 * resolve only through the `resolve` callback, anything else is an error.
 */
export interface PickleGlobal {
  module: string;
  name: string;
}

export type Reducer = (args: unknown[]) => unknown;

export interface PickleHooks {
  /** Returns a callable for module.name (used by REDUCE / NEWOBJ), or throws. */
  resolve(module: string, name: string): Reducer;
  /** Resolves a persistent id (torch storages). */
  persistentLoad(pid: unknown): unknown;
}

const MARK = Symbol('mark');

export function unpickle(bytes: Uint8Array, hooks: PickleHooks): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > bytes.length) throw new Error('pickle data ends early');
  };
  /** Checks that `n` bytes remain and moves past them; returns where they start. */
  const take = (n: number) => {
    need(n);
    pos += n;
    return pos - n;
  };
  const u8 = () => bytes[take(1)];
  const u16 = () => view.getUint16(take(2), true);
  const i32 = () => view.getInt32(take(4), true);
  const u32 = () => view.getUint32(take(4), true);
  const u64 = () => {
    need(8);
    const v = Number(view.getBigUint64(pos, true));
    pos += 8;
    return v;
  };
  const text = (n: number) => {
    need(n);
    const s = new TextDecoder().decode(bytes.subarray(pos, pos + n));
    pos += n;
    return s;
  };
  const line = () => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw new Error('pickle data ends early');
    const s = new TextDecoder().decode(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const popMark = (): unknown[] => {
    const i = stack.lastIndexOf(MARK);
    if (i < 0) throw new Error('pickle MARK not found');
    const items = stack.slice(i + 1);
    stack.length = i;
    return items;
  };
  const top = () => {
    if (stack.length === 0) throw new Error('pickle stack underflow');
    return stack[stack.length - 1];
  };
  const pop = () => {
    if (stack.length === 0) throw new Error('pickle stack underflow');
    return stack.pop();
  };
  const callGlobal = (fn: unknown, args: unknown[]) => {
    if (typeof fn !== 'function') throw new Error('pickle tried to call a non-callable');
    return (fn as Reducer)(args);
  };

  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80: u8(); break; // PROTO
      case 0x95: u64(); break; // FRAME
      case 0x2e: return pop(); // STOP
      case 0x28: stack.push(MARK); break; // MARK
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4b: stack.push(u8()); break; // BININT1
      case 0x4d: stack.push(u16()); break; // BININT2
      case 0x4a: stack.push(i32()); break; // BININT
      case 0x8a: { // LONG1
        const n = u8();
        need(n);
        let v = 0n;
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[pos + i]);
        if (n > 0 && bytes[pos + n - 1] & 0x80) v -= 1n << BigInt(8 * n);
        pos += n;
        stack.push(Number(v));
        break;
      }
      case 0x47: { // BINFLOAT (big-endian)
        need(8);
        stack.push(view.getFloat64(pos, false));
        pos += 8;
        break;
      }
      case 0x58: stack.push(text(u32())); break; // BINUNICODE
      case 0x8c: stack.push(text(u8())); break; // SHORT_BINUNICODE
      case 0x8d: stack.push(text(u64())); break; // BINUNICODE8
      case 0x55: stack.push(text(u8())); break; // SHORT_BINSTRING
      case 0x54: stack.push(text(u32())); break; // BINSTRING
      case 0x43: { const n = u8(); need(n); stack.push(bytes.slice(pos, pos + n)); pos += n; break; } // SHORT_BINBYTES
      case 0x42: { const n = u32(); need(n); stack.push(bytes.slice(pos, pos + n)); pos += n; break; } // BINBYTES
      case 0x29: stack.push([]); break; // EMPTY_TUPLE
      case 0x85: stack.push([pop()]); break; // TUPLE1
      case 0x86: { const b = pop(); const a = pop(); stack.push([a, b]); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); const a = pop(); stack.push([a, b, c]); break; } // TUPLE3
      case 0x74: stack.push(popMark()); break; // TUPLE
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x6c: stack.push(popMark()); break; // LIST
      case 0x61: { const v = pop(); (top() as unknown[]).push(v); break; } // APPEND
      case 0x65: { const items = popMark(); (top() as unknown[]).push(...items); break; } // APPENDS
      case 0x7d: stack.push(new Map()); break; // EMPTY_DICT
      case 0x64: { // DICT
        const items = popMark();
        const m = new Map();
        for (let i = 0; i + 1 < items.length; i += 2) m.set(items[i], items[i + 1]);
        stack.push(m);
        break;
      }
      case 0x73: { const v = pop(); const k = pop(); asMap(top()).set(k, v); break; } // SETITEM
      case 0x75: { // SETITEMS
        const items = popMark();
        const m = asMap(top());
        for (let i = 0; i + 1 < items.length; i += 2) m.set(items[i], items[i + 1]);
        break;
      }
      case 0x8f: stack.push(new Set()); break; // EMPTY_SET
      case 0x90: { const items = popMark(); const s = top() as Set<unknown>; items.forEach((x) => s.add(x)); break; } // ADDITEMS
      case 0x63: { const module = line(); const name = line(); stack.push(hooks.resolve(module, name)); break; } // GLOBAL
      case 0x93: { const name = pop() as string; const module = pop() as string; stack.push(hooks.resolve(module, name)); break; } // STACK_GLOBAL
      case 0x52: { const args = pop() as unknown[]; const fn = pop(); stack.push(callGlobal(fn, args)); break; } // REDUCE
      case 0x81: { const args = pop() as unknown[]; const cls = pop(); stack.push(callGlobal(cls, args)); break; } // NEWOBJ
      case 0x62: { // BUILD: state applied to an object; tensors ignore it
        const state = pop();
        const obj = top();
        if (obj && typeof obj === 'object' && state instanceof Map && !(obj instanceof Map)) {
          for (const [k, v] of state) (obj as Record<string, unknown>)[String(k)] = v;
        }
        break;
      }
      case 0x51: stack.push(hooks.persistentLoad(pop())); break; // BINPERSID
      case 0x71: memo.set(u8(), top()); break; // BINPUT
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x68: stack.push(getMemo(memo, u8())); break; // BINGET
      case 0x6a: stack.push(getMemo(memo, u32())); break; // LONG_BINGET
      case 0x30: pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: stack.push(top()); break; // DUP
      default:
        throw new Error(`unsupported pickle opcode 0x${op.toString(16)} at byte ${pos - 1}`);
    }
  }
}

function asMap(x: unknown): Map<unknown, unknown> {
  if (!(x instanceof Map)) throw new Error('pickle SETITEM on a non-dict');
  return x;
}

function getMemo(memo: Map<number, unknown>, k: number): unknown {
  if (!memo.has(k)) throw new Error(`pickle memo ${k} missing`);
  return memo.get(k);
}
