package main

type Big struct{ data [65537]byte }

type Edge struct{ data [65536]byte }

func main() {
	b := new(Big)
	e := new(Edge)
	b.data[0] = 1
	e.data[0] = 2
	println(b.data[0] + e.data[0])
}
