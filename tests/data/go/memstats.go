// Shared by every workload (regen.sh builds it next to each main.go): prints
// runtime.MemStats and the run's times as one JSON object on stdout when the
// workload is done. The fields are those that the pacer and the memory limit
// depend on; regen.sh stores the line as run-N.memstats.json.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"
)

func report(start time.Time) {
	elapsed := time.Since(start)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	f := []struct {
		k string
		v any
	}{
		{"GoVersion", runtime.Version()},
		{"GOGC", os.Getenv("GOGC")},
		{"MemoryLimit", debug.SetMemoryLimit(-1)},
		{"GOMAXPROCS", runtime.GOMAXPROCS(0)},
		{"NumGoroutine", runtime.NumGoroutine()},
		{"ElapsedNs", elapsed.Nanoseconds()},
		{"UserCPUNs", ru.Utime.Nano()},
		{"SysCPUNs", ru.Stime.Nano()},
		{"NumGC", ms.NumGC},
		{"NumForcedGC", ms.NumForcedGC},
		{"GCCPUFraction", ms.GCCPUFraction},
		{"PauseTotalNs", ms.PauseTotalNs},
		{"NextGC", ms.NextGC},
		{"TotalAlloc", ms.TotalAlloc},
		{"Mallocs", ms.Mallocs},
		{"Frees", ms.Frees},
		{"HeapAlloc", ms.HeapAlloc},
		{"HeapSys", ms.HeapSys},
		{"HeapIdle", ms.HeapIdle},
		{"HeapInuse", ms.HeapInuse},
		{"HeapReleased", ms.HeapReleased},
		{"HeapObjects", ms.HeapObjects},
		{"StackInuse", ms.StackInuse},
		{"StackSys", ms.StackSys},
		{"MSpanInuse", ms.MSpanInuse},
		{"MSpanSys", ms.MSpanSys},
		{"MCacheInuse", ms.MCacheInuse},
		{"MCacheSys", ms.MCacheSys},
		{"BuckHashSys", ms.BuckHashSys},
		{"GCSys", ms.GCSys},
		{"OtherSys", ms.OtherSys},
		{"Sys", ms.Sys},
	}
	var b strings.Builder
	b.WriteString("{")
	for i, kv := range f {
		if i > 0 {
			b.WriteString(", ")
		}
		switch v := kv.v.(type) {
		case string:
			fmt.Fprintf(&b, "%q: %q", kv.k, v)
		default:
			fmt.Fprintf(&b, "%q: %v", kv.k, v)
		}
	}
	b.WriteString("}\n")
	os.Stdout.WriteString(b.String())
}
