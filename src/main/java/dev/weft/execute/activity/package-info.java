/**
 * What a request's statements and plans report while the request runs, to whoever listens for that request
 * (the audit log, explain): the {@link dev.weft.execute.activity.Activity} of the current thread, carried to
 * the request's virtual threads by {@link dev.weft.execute.activity.Activity#propagating}. Nothing is
 * reported, and nothing is computed for it, while no one listens.
 */
package dev.weft.execute.activity;
