/**
 * Hot reload: the serving version of the runtime as an immutable snapshot per request ({@link dev.weft.reload.Snapshots}),
 * reloads that validate completely before they swap ({@link dev.weft.reload.Reloader}), the pools and introspected
 * sources the next version reuses ({@link dev.weft.reload.SourceRegistry}), and the watch on the configuration
 * files ({@link dev.weft.reload.FileWatcher}). Knows nothing of Spring; the web package wires it.
 */
package dev.weft.reload;
