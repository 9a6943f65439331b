package io.warpdrive.zip;

import java.util.function.Consumer;

/**
 * The engine of a WdDeflater or WdInflater as its Cleaner sees it: {@link #run()} releases the
 * engine exactly once, whether end() or the Cleaner gets there first. run() holds this
 * object's monitor, so a caller that uses the engine under the same monitor cannot have it
 * released under it. The action must not reach the owner, or the owner never becomes
 * unreachable: it is the engine's own release method.
 */
final class EngineHandle<E> implements Runnable {
    /** The engine, null once released; read and written under this object's monitor. */
    E engine;
    private final Consumer<? super E> release;

    EngineHandle(E engine, Consumer<? super E> release) {
        this.engine = engine;
        this.release = release;
    }

    @Override
    public synchronized void run() {
        E e = engine;
        engine = null;
        if (e != null) {
            release.accept(e);
        }
    }
}
