import { Sequelize } from 'sequelize';
const orig = Sequelize.prototype.query;
const log: string[] = [];
(globalThis as any).__q = log;
Sequelize.prototype.query = function (this: any, sql: any, ...rest: any[]) { log.push(String(typeof sql === 'string' ? sql : sql?.query ?? sql).slice(0, 110)); return orig.call(this, sql, ...rest); } as any;
