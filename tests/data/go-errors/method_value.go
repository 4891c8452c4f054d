package main

type T struct{}

func (t T) M() {}

func main() {
	var t T
	f := t.M
	f()
}
