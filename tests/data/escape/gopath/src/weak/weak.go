// Package weak stands in for Go 1.24's package weak so that Go 1.19 can
// compile the weak-pointers lesson (regen.sh builds with this GOPATH). Make
// leaks its argument to the heap as the real one does (the runtime keeps the
// pointer in a special); only the lesson's own lines are compared.
package weak

import "unsafe"

var handles []unsafe.Pointer

type Pointer[T any] struct{ u unsafe.Pointer }

func Make[T any](ptr *T) Pointer[T] {
	handles = append(handles, unsafe.Pointer(ptr))
	return Pointer[T]{unsafe.Pointer(ptr)}
}

func (p Pointer[T]) Value() *T { return (*T)(p.u) }
