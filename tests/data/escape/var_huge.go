package main

type Huge struct{ data [10485761]byte }

type Fits struct{ data [10485760]byte }

func main() {
	var h Huge
	var f Fits
	h.data[1] = 1
	f.data[1] = 2
	println(h.data[1] + f.data[1])
}
