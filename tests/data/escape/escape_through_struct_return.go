package main

type Wrapper struct {
	p *int
}

func wrap() Wrapper {
	n := 5
	return Wrapper{p: &n}
}

func main() {
	w := wrap()
	println(*w.p)
}
