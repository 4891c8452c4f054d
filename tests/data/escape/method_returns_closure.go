package main

type Acc struct{ total int }

func (a *Acc) Adder() func(int) {
	return func(n int) {
		a.total += n
	}
}

func main() {
	a := &Acc{}
	add := a.Adder()
	add(3)
	println(a.total)
}
