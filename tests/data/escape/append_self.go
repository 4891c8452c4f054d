package main

type T struct{ a int }

type List struct {
	items []*T
}

func (l *List) Add(t *T) {
	l.items = append(l.items, t)
}

func main() {
	l := &List{}
	l.Add(&T{a: 1})
	l.Add(&T{a: 2})
	println(len(l.items))
}
